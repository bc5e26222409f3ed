/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * pcslint stub header: OF helpers for MDIO. The finders return a reference
 * on the found device's struct device (put_device() / mdio_device_put()).
 */
#ifndef _PCSLINT_LINUX_OF_MDIO_H
#define _PCSLINT_LINUX_OF_MDIO_H

#include <linux/device.h>
#include <linux/phy.h>
#include <linux/of.h>

int __of_mdiobus_register(struct mii_bus *mdio, struct device_node *np,
			  struct module *owner);

static inline int of_mdiobus_register(struct mii_bus *mdio,
				      struct device_node *np)
{
	return __of_mdiobus_register(mdio, np, THIS_MODULE);
}

int __devm_of_mdiobus_register(struct device *dev, struct mii_bus *mdio,
			       struct device_node *np, struct module *owner);

static inline int devm_of_mdiobus_register(struct device *dev,
					   struct mii_bus *mdio,
					   struct device_node *np)
{
	return __devm_of_mdiobus_register(dev, mdio, np, THIS_MODULE);
}

struct mdio_device *of_mdio_find_device(struct device_node *np);
struct phy_device *of_phy_find_device(struct device_node *phy_np);
struct phy_device *
of_phy_connect(struct net_device *dev, struct device_node *phy_np,
	       void (*hndlr)(struct net_device *), u32 flags,
	       phy_interface_t iface);
struct phy_device *
of_phy_get_and_connect(struct net_device *dev, struct device_node *np,
		       void (*hndlr)(struct net_device *));

/* a reference on bus->dev: put_device(&bus->dev) drops it */
struct mii_bus *of_mdio_find_bus(struct device_node *mdio_np);
int of_phy_register_fixed_link(struct device_node *np);
void of_phy_deregister_fixed_link(struct device_node *np);
bool of_phy_is_fixed_link(struct device_node *np);

#endif /* _PCSLINT_LINUX_OF_MDIO_H */
