/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pcslint stub header: provider side of the proposed fwnode PCS providers
 * (2025-2026 netdev series, not merged).
 */
#ifndef _PCSLINT_LINUX_PCS_PCS_PROVIDER_H
#define _PCSLINT_LINUX_PCS_PCS_PROVIDER_H

#include <linux/property.h>

struct phylink_pcs;

struct phylink_pcs *fwnode_pcs_simple_get(struct fwnode_reference_args *pcsspec,
					  void *data);

int fwnode_pcs_add_provider(struct fwnode_handle *fwnode,
			    struct phylink_pcs *(*get)(struct fwnode_reference_args *pcsspec,
						       void *data),
			    void *data);

void fwnode_pcs_del_provider(struct fwnode_handle *fwnode);

#endif /* _PCSLINT_LINUX_PCS_PCS_PROVIDER_H */
