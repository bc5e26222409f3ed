/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header */
#ifndef _PCSLINT_LINUX_OF_NET_H
#define _PCSLINT_LINUX_OF_NET_H

#include <linux/of.h>
#include <linux/phy.h>

int of_get_phy_mode(struct device_node *np, phy_interface_t *interface);
int of_get_mac_address(struct device_node *np, u8 *mac);
int of_get_ethdev_address(struct device_node *np, struct net_device *dev);
struct net_device *of_find_net_device_by_node(struct device_node *np);

#endif /* _PCSLINT_LINUX_OF_NET_H */
