/* The driver's own header, reduced from sunplus spl2sw: the probe in
 * teardown_main.c keeps each port's phy node in its struct td_mac, the
 * remove helper in teardown_phy.c puts it, reaching the mac through
 * netdev_priv() rather than through the object remove hands it. */
#ifndef TEARDOWN_H
#define TEARDOWN_H
#include <linux/module.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/netdevice.h>

struct td_mac {
	struct device_node *phy_node;
	struct device_node *led_node;
};
struct td_common {
	struct net_device *ndev[2];
	struct device *dev;
};
void td_phy_remove(struct td_common *comm);
void td_led_stop(struct td_common *comm);
#endif
