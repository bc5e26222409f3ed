/* remove-leak: the config object of the cross-file fixtures
 * (xfile_provider.c hands it out, good_xfile.c and bad_xfile.c use it), as
 * stmmac's struct plat_stmmacenet_data. Fixtures named *xfile* need another
 * file's summaries: the shard merge test (analyzer/merge_test.go) leaves
 * them out. */
#ifndef REMOVELEAK_CROSS_CFG_H
#define REMOVELEAK_CROSS_CFG_H
#include "kdecls.h"

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
