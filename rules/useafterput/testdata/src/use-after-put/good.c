// use-after-put: no findings expected.
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

struct acme_priv {
	struct device *dev;
	struct device_node *np;
	void *fm;
};

/* the put comes after the last use, the message included */
static int good_order(struct device *dev, struct device_node *np, u32 *reg)
{
	struct device_node *syscon;
	int ret;

	syscon = of_parse_phandle(np, "acme,syscon", 0);
	if (!syscon)
		return -ENODEV;
	ret = of_property_read_u32(syscon, "reg", reg);
	if (ret)
		dev_err(dev, "%pOF: no reg\n", syscon);
	of_node_put(syscon);
	return ret;
}

/* reassigned after the put: the later uses are of the new reference */
static int good_reassigned(struct device_node *np, u32 *reg)
{
	struct device_node *n;

	n = of_parse_phandle(np, "acme,a", 0);
	if (!n)
		return -ENODEV;
	of_node_put(n);
	n = of_parse_phandle(np, "acme,b", 0);
	if (!n)
		return -ENODEV;
	of_property_read_u32(n, "reg", reg);
	of_node_put(n);
	return 0;
}

/* put on one branch only: the other path still holds it */
static int good_branch(struct device *dev, struct device_node *np, int quiet)
{
	struct device_node *n = of_get_parent(np);

	if (!n)
		return -ENODEV;
	if (quiet) {
		of_node_put(n);
		return 0;
	}
	dev_info(dev, "parent %pOF\n", n);
	of_node_put(n);
	return 0;
}

/* comparing the pointer after the put is not a use */
static int good_compare(struct device_node *np, struct device_node *other)
{
	struct device_node *n = of_get_parent(np);

	of_node_put(n);
	if (n == other)
		return 1;
	return 0;
}

/* a reference of its own was kept before the put */
static int good_kept(struct acme_priv *priv, struct device_node *np)
{
	struct device_node *n = of_parse_phandle(np, "acme,a", 0);

	if (!n)
		return -ENODEV;
	priv->np = of_node_get(n);
	of_node_put(n);
	of_property_read_bool(priv->np, "acme,fast");
	return 0;
}

/* the driver data fetched before the device reference is dropped */
static int good_drvdata(struct acme_priv *priv, struct device_node *fm_np)
{
	struct platform_device *pdev = of_find_device_by_node(fm_np);

	if (!pdev)
		return -EPROBE_DEFER;
	priv->fm = platform_get_drvdata(pdev);
	put_device(&pdev->dev);
	return priv->fm ? 0 : -EPROBE_DEFER;
}

/* the loop variable used after the loop ran out is NULL, not freed */
static int good_loop_null(struct device_node *np)
{
	struct device_node *child;

	for_each_child_of_node(np, child) {
		if (of_property_read_bool(child, "acme,fast"))
			break;
	}
	if (!child)
		return -ENODEV;
	of_node_put(child);
	return 0;
}

/* a second get on the same pointer keeps it valid after one put */
static int good_extra_get(struct device *dev, struct device_node *np)
{
	struct device_node *n = of_parse_phandle(np, "acme,a", 0);

	if (!n)
		return -ENODEV;
	of_node_get(n);
	of_node_put(n);
	dev_info(dev, "%pOF\n", n);
	of_node_put(n);
	return 0;
}
