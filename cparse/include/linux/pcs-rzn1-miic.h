/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pcslint stub header: Renesas RZ/N1 MII converter. miic_create() adds a
 * managed device link to the provider (whose driver suppresses bind attrs).
 */
#ifndef _PCSLINT_LINUX_PCS_MIIC_H
#define _PCSLINT_LINUX_PCS_MIIC_H

struct device;
struct device_node;
struct phylink;
struct phylink_pcs;

struct phylink_pcs *miic_create(struct device *dev, struct device_node *np);
void miic_destroy(struct phylink_pcs *pcs);

#endif /* _PCSLINT_LINUX_PCS_MIIC_H */
