// ref-leak: lookups that consume the node they start from (reduced from
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
int of_address_to_resource(struct device_node *np, int index, void *r);
int of_platform_populate(struct device_node *root, const void *matches, const void *lookup, struct device *parent);
extern const struct of_device_id acme_muram_match[];

struct acme_fman { int res; };

/* good: of_find_matching_node(fm_node, ...) drops fm_node's count */
static struct acme_fman *acme_read_dts(struct platform_device *of_dev)
{
	struct device_node *fm_node, *muram_node;
	struct acme_fman *fman;
	u32 val;
	int err;

	fman = kzalloc(sizeof(*fman), 0);
	if (!fman)
		return ERR_PTR(-12);
	fm_node = of_node_get(of_dev->dev.of_node);
	err = of_property_read_u32(fm_node, "cell-index", &val);
	if (err)
		goto fman_node_put;
	muram_node = of_find_matching_node(fm_node, acme_muram_match);
	if (!muram_node) {
		err = -22;
		goto fman_free;
	}
	err = of_address_to_resource(muram_node, 0, &fman->res);
	of_node_put(muram_node);
	if (err)
		goto fman_free;
	/* the device still holds its node: not a use after free */
	err = of_platform_populate(fm_node, NULL, NULL, &of_dev->dev);
	if (err)
		goto fman_free;
	return fman;

fman_node_put:
	of_node_put(fm_node);
fman_free:
	kfree(fman);
	return ERR_PTR(err);
}

/* bad: the node is kept on the failure path of the lookup's argument */
static struct device_node *acme_find_muram(struct platform_device *of_dev)
{
	struct device_node *fm_node, *muram_node;
	u32 val;

	fm_node = of_node_get(of_dev->dev.of_node);
	if (of_property_read_u32(fm_node, "cell-index", &val))
		return NULL; /* want "reference from of_node_get\\(\\) at line 68 leaks" */
	muram_node = of_find_matching_node(fm_node, acme_muram_match);
	return muram_node;
}
