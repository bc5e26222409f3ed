// use-after-put: a count taken on a node something else keeps (the
// device's own of_node) cannot free it when dropped (reduced from
// drivers/net/ethernet/freescale/fman/fman.c read_dts_node()).
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/property.h>
#include <linux/ioport.h>
#include <linux/phy.h>
#include <linux/of_mdio.h>
#include <linux/phy/phy.h>
#include <linux/clk.h>

struct of_device_id;
struct device_node *of_find_matching_node(struct device_node *from, const struct of_device_id *matches);
int of_platform_populate(struct device_node *root, const void *matches, const void *lookup, struct device *parent);
extern const struct of_device_id acme_muram_match[];

/* good: the lookup drops the extra count; the device still holds its node */
static int acme_populate(struct platform_device *of_dev)
{
	struct device_node *fm_node, *muram_node;

	fm_node = of_node_get(of_dev->dev.of_node);
	muram_node = of_find_matching_node(fm_node, acme_muram_match);
	if (!muram_node)
		return -22;
	of_node_put(muram_node);
	return of_platform_populate(fm_node, NULL, NULL, &of_dev->dev);
}

/* bad: a phandle target is kept by nothing else the function knows of */
static int acme_populate_remote(struct platform_device *of_dev)
{
	struct device_node *np, *muram_node;

	np = of_parse_phandle(of_dev->dev.of_node, "acme,fman", 0);
	if (!np)
		return -22;
	muram_node = of_find_matching_node(np, acme_muram_match);
	if (!muram_node)
		return -22;
	of_node_put(muram_node);
	return of_platform_populate(np, NULL, NULL, &of_dev->dev); /* want "'np' is passed to of_platform_populate\\(\\) after of_find_matching_node" */
}
