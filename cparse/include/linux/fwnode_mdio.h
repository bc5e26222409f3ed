/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pcslint stub header: fwnode helpers for MDIO. fwnode_mdio_find_device()
 * itself is declared in linux/phy.h, as in the kernel.
 */
#ifndef _PCSLINT_LINUX_FWNODE_MDIO_H
#define _PCSLINT_LINUX_FWNODE_MDIO_H

#include <linux/phy.h>

int fwnode_mdiobus_phy_device_register(struct mii_bus *mdio,
				       struct phy_device *phy,
				       struct fwnode_handle *child, u32 addr);

int fwnode_mdiobus_register_phy(struct mii_bus *bus,
				struct fwnode_handle *child, u32 addr);

#endif /* _PCSLINT_LINUX_FWNODE_MDIO_H */
