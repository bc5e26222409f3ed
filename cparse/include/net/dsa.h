/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pcslint stub header: DSA switches (minimal) */
#ifndef _PCSLINT_NET_DSA_H
#define _PCSLINT_NET_DSA_H

#include <linux/device.h>
#include <linux/list.h>
#include <linux/of.h>
#include <linux/phy.h>
#include <linux/phylink.h>
#include <linux/netdevice.h>

struct dsa_switch;
struct dsa_switch_tree;

enum dsa_port_type {
	DSA_PORT_TYPE_UNUSED = 0,
	DSA_PORT_TYPE_CPU,
	DSA_PORT_TYPE_DSA,
	DSA_PORT_TYPE_USER,
};

struct dsa_port {
	struct net_device	*user;
	struct dsa_switch	*ds;
	unsigned int		index;
	enum dsa_port_type	type;
	const char		*name;
	struct dsa_port		*cpu_dp;
	struct device_node	*dn;
	struct phylink		*pl;
	struct phylink_config	pl_config;
	struct list_head	list;
};

struct dsa_switch_ops;

struct dsa_switch {
	struct device *dev;
	struct dsa_switch_tree	*dst;
	unsigned int		index;
	const struct dsa_switch_ops	*ops;
	void *priv;
	struct mii_bus		*user_mii_bus;
	unsigned int		num_ports;
	const struct phylink_mac_ops	*phylink_mac_ops;
};

struct dsa_switch_ops {
	int	(*setup)(struct dsa_switch *ds);
	void	(*teardown)(struct dsa_switch *ds);
	int	(*port_setup)(struct dsa_switch *ds, int port);
	void	(*port_teardown)(struct dsa_switch *ds, int port);
	void	(*phylink_get_caps)(struct dsa_switch *ds, int port,
				    struct phylink_config *config);
	struct phylink_pcs *(*phylink_mac_select_pcs)(struct phylink_config *config,
						      phy_interface_t iface);
};

struct dsa_port *dsa_to_port(struct dsa_switch *ds, int p);
int dsa_register_switch(struct dsa_switch *ds);
void dsa_unregister_switch(struct dsa_switch *ds);
void dsa_switch_shutdown(struct dsa_switch *ds);

#endif /* _PCSLINT_NET_DSA_H */
