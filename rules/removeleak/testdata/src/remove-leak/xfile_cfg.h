/* remove-leak: the config object of the cross-file fixtures
 * (xfile_provider.c hands it out, good_xfile.c and bad_xfile.c use it), as
 * stmmac's struct plat_stmmacenet_data. Fixtures named *xfile* need another
 * file's summaries: the shard merge test (analyzer/merge_test.go) leaves
 * them out. */
#ifndef REMOVELEAK_CROSS_CFG_H
#define REMOVELEAK_CROSS_CFG_H
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

struct cross_cfg {
	struct device_node *phy_node;
	struct device_node *mdio_node;
	struct clk *clk;
	int flags;
};

struct cross_cfg *devm_cross_probe_config(struct platform_device *pdev);
struct cross_cfg *devm_cross_probe_config_phy(struct platform_device *pdev);
struct cross_cfg *cross_alloc_config(struct platform_device *pdev);

#endif
