/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pcslint stub header: consumer side of the proposed fwnode PCS providers
 * (2025-2026 netdev series, not merged). fwnode_pcs_get() returns a PCS the
 * provider may remove at any time; the provider revokes it with
 * fwnode_pcs_del_provider() + phylink_release_pcs() under rtnl_lock().
 */
#ifndef _PCSLINT_LINUX_PCS_PCS_H
#define _PCSLINT_LINUX_PCS_PCS_H

#include <linux/phylink.h>
#include <linux/notifier.h>

enum fwnode_pcs_notify_event {
	FWNODE_PCS_PROVIDER_ADD,
};

int register_fwnode_pcs_notifier(struct notifier_block *nb);
int unregister_fwnode_pcs_notifier(struct notifier_block *nb);

struct phylink_pcs *fwnode_pcs_get(struct fwnode_handle *fwnode, int index);
struct phylink_pcs *
fwnode_phylink_pcs_get_from_fwnode(struct fwnode_handle *fwnode,
				   struct fwnode_handle *pcs_fwnode);
int fwnode_phylink_pcs_parse(struct fwnode_handle *fwnode,
			     struct phylink_pcs **available_pcs,
			     unsigned int *num_pcs);

#endif /* _PCSLINT_LINUX_PCS_PCS_H */
