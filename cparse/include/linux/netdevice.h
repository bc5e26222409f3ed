/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: network devices (minimal) */
#ifndef _PCSLINT_LINUX_NETDEVICE_H
#define _PCSLINT_LINUX_NETDEVICE_H

#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/list.h>
#include <linux/skbuff.h>
#include <linux/workqueue.h>
#include <linux/rtnetlink.h>

#define IFNAMSIZ	16
#define MAX_ADDR_LEN	32
#define ETH_ALEN	6

struct phy_device;
struct sfp_bus;
struct ethtool_ops;
struct ifreq;

enum netdev_tx {
	__NETDEV_TX_MIN	 = -100,
	NETDEV_TX_OK	 = 0x00,
	NETDEV_TX_BUSY	 = 0x10,
};
typedef enum netdev_tx netdev_tx_t;

struct net_device_ops {
	int			(*ndo_init)(struct net_device *dev);
	void			(*ndo_uninit)(struct net_device *dev);
	int			(*ndo_open)(struct net_device *dev);
	int			(*ndo_stop)(struct net_device *dev);
	netdev_tx_t		(*ndo_start_xmit)(struct sk_buff *skb,
						  struct net_device *dev);
	int			(*ndo_set_mac_address)(struct net_device *dev,
						       void *addr);
	int			(*ndo_eth_ioctl)(struct net_device *dev,
						 struct ifreq *ifr, int cmd);
	int			(*ndo_change_mtu)(struct net_device *dev,
						  int new_mtu);
};

struct net_device {
	char			name[IFNAMSIZ];
	unsigned long		state;
	struct list_head	dev_list;
	const struct net_device_ops *netdev_ops;
	const struct ethtool_ops *ethtool_ops;
	unsigned int		flags;
	unsigned int		mtu;
	int			ifindex;
	unsigned char		addr_len;
	const unsigned char	*dev_addr;
	struct device		dev;
	struct phy_device	*phydev;
	struct sfp_bus		*sfp_bus;
};

#define to_net_dev(d) container_of(d, struct net_device, dev)

#define NETDEV_ALIGN		32

static inline void *netdev_priv(const struct net_device *dev)
{
	return (char *)dev + ALIGN(sizeof(struct net_device), NETDEV_ALIGN);
}

#define SET_NETDEV_DEV(net, pdev)	((net)->dev.parent = (pdev))

struct net_device *alloc_netdev_mqs(int sizeof_priv, const char *name,
				    unsigned char name_assign_type,
				    void (*setup)(struct net_device *),
				    unsigned int txqs, unsigned int rxqs);
void free_netdev(struct net_device *dev);
int register_netdev(struct net_device *dev);
void unregister_netdev(struct net_device *dev);
int register_netdevice(struct net_device *dev);
void unregister_netdevice_queue(struct net_device *dev, struct list_head *head);
static inline void unregister_netdevice(struct net_device *dev)
{
	unregister_netdevice_queue(dev, NULL);
}
int devm_register_netdev(struct device *dev, struct net_device *ndev);

void netif_carrier_on(struct net_device *dev);
void netif_carrier_off(struct net_device *dev);
bool netif_running(const struct net_device *dev);
void netif_start_queue(struct net_device *dev);
void netif_stop_queue(struct net_device *dev);
void netif_wake_queue(struct net_device *dev);
void netif_device_attach(struct net_device *dev);
void netif_device_detach(struct net_device *dev);

__printf(2, 3) __cold
void netdev_err(const struct net_device *dev, const char *format, ...);
__printf(2, 3) __cold
void netdev_warn(const struct net_device *dev, const char *format, ...);
__printf(2, 3) __cold
void netdev_info(const struct net_device *dev, const char *format, ...);
#define netdev_dbg(__dev, format, ...)				\
({								\
	if (0)							\
		netdev_info(__dev, format, ##__VA_ARGS__);	\
})

#endif /* _PCSLINT_LINUX_NETDEVICE_H */
