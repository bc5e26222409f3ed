/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header */
#ifndef _PCSLINT_LINUX_ETHERDEVICE_H
#define _PCSLINT_LINUX_ETHERDEVICE_H

#include <linux/netdevice.h>

#define alloc_etherdev(sizeof_priv) alloc_etherdev_mq(sizeof_priv, 1)
#define alloc_etherdev_mq(sizeof_priv, count) alloc_etherdev_mqs(sizeof_priv, count, count)
struct net_device *alloc_etherdev_mqs(int sizeof_priv, unsigned int txqs,
				      unsigned int rxqs);

struct net_device *devm_alloc_etherdev_mqs(struct device *dev, int sizeof_priv,
					   unsigned int txqs, unsigned int rxqs);
#define devm_alloc_etherdev(dev, sizeof_priv) devm_alloc_etherdev_mqs(dev, sizeof_priv, 1, 1)

void eth_hw_addr_random(struct net_device *dev);
int eth_validate_addr(struct net_device *dev);
bool is_valid_ether_addr(const u8 *addr);
void eth_hw_addr_set(struct net_device *dev, const u8 *addr);

#endif /* _PCSLINT_LINUX_ETHERDEVICE_H */
