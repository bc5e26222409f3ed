/* The driver's own header (not include/): the port teardown lives in
 * another file of the driver, reduced from sparx5 (sparx5_main.h declares
 * sparx5_unregister_netdevs(), defined in sparx5_netdev.c, which destroys
 * each port's phylink). */
#ifndef SIBLING_H
#define SIBLING_H
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/property.h>
#include <linux/clk.h>
#include <linux/i2c.h>
#include <linux/mdio.h>
#include <linux/phy.h>
#include <linux/fwnode_mdio.h>
#include <linux/phy/phy.h>
#include <linux/phylink.h>
#include <linux/pcs-lynx.h>
#include <linux/pcs/pcs-xpcs.h>

struct sib_port { struct clk *clk; int portno; };
struct sib { struct sib_port *ports[2]; struct device *dev; };
void sib_unregister_ports(struct sib *s);
void sib_stop_ports(int n);
#endif
