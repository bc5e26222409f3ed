/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pcslint stub header: the PCS registry of the July 2022 netdev RFC
 * ("net: pcs: Add helpers for registering and finding PCSs", never merged).
 * pcs_get_by_*() pin the provider's module and struct device only.
 *
 * Also pulls in the 2025-2026 fwnode PCS provider proposal
 * (linux/pcs/pcs.h, linux/pcs/pcs-provider.h), likewise unmerged.
 */
#ifndef _PCSLINT_LINUX_PCS_H
#define _PCSLINT_LINUX_PCS_H

#include <linux/types.h>

struct device;
struct fwnode_handle;
struct phylink_pcs;

int pcs_register(struct phylink_pcs *pcs);
void pcs_unregister(struct phylink_pcs *pcs);
int devm_pcs_register(struct device *dev, struct phylink_pcs *pcs);
struct phylink_pcs *_pcs_get_by_fwnode(const struct fwnode_handle *fwnode,
				       const char *id, bool optional);
struct phylink_pcs *pcs_get_by_provider(const struct device *dev);
void pcs_put(struct phylink_pcs *pcs);
/* the RFC's lookup by the consumer device's "pcs-handle" */
struct phylink_pcs *pcs_get(struct device *dev, const char *id);

static inline struct phylink_pcs
*pcs_get_by_fwnode(const struct fwnode_handle *fwnode, const char *id)
{
	return _pcs_get_by_fwnode(fwnode, id, false);
}

static inline struct phylink_pcs
*pcs_get_by_fwnode_optional(const struct fwnode_handle *fwnode, const char *id)
{
	return _pcs_get_by_fwnode(fwnode, id, true);
}

#include <linux/pcs/pcs.h>
#include <linux/pcs/pcs-provider.h>

#endif /* _PCSLINT_LINUX_PCS_H */
