/* SPDX-License-Identifier: (GPL-2.0+ OR BSD-3-Clause) */
/*
 * pcslint stub header: NXP Lynx PCS. The create functions take a reference
 * on the MDIO device; lynx_pcs_destroy() drops it.
 */
#ifndef _PCSLINT_LINUX_PCS_LYNX_H
#define _PCSLINT_LINUX_PCS_LYNX_H

#include <linux/mdio.h>
#include <linux/phylink.h>

/* before 6.5 (replaced by the two below) */
struct phylink_pcs *lynx_pcs_create(struct mdio_device *mdio);
struct phylink_pcs *lynx_pcs_create_mdiodev(struct mii_bus *bus, int addr);
struct phylink_pcs *lynx_pcs_create_fwnode(struct fwnode_handle *node);

void lynx_pcs_destroy(struct phylink_pcs *pcs);

#endif /* _PCSLINT_LINUX_PCS_LYNX_H */
