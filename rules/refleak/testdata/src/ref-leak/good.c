// ref-leak: no findings expected.
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
	struct fwnode_handle *pcs_fwnode;
	struct platform_device *fm_pdev;
	struct phy *serdes;
	struct clk *clk;
	struct module *owner;
};

struct mdio_device {
	struct device dev;
	int addr;
};

/* the lookup failed: nothing to drop */
static int good_null_check(struct device_node *np, u32 *reg)
{
	struct device_node *syscon;
	int ret;

	syscon = of_parse_phandle(np, "acme,syscon", 0);
	if (!syscon)
		return -ENODEV;
	ret = of_property_read_u32(syscon, "reg", reg);
	of_node_put(syscon);
	return ret;
}

/* the acquire is the condition itself */
static int good_null_in_cond(struct device_node *np, u32 *reg)
{
	struct device_node *syscon;

	if (!(syscon = of_parse_phandle(np, "acme,syscon", 0)))
		return -ENODEV;
	of_property_read_u32(syscon, "reg", reg);
	of_node_put(syscon);
	return 0;
}

/* ERR_PTR-returning APIs checked with IS_ERR() */
static int good_is_err(struct fwnode_handle *fwnode, u32 *addr)
{
	struct fwnode_handle *pcs;
	int ret;

	pcs = fwnode_find_reference(fwnode, "pcs-handle", 0);
	if (IS_ERR(pcs))
		return PTR_ERR(pcs);
	ret = fwnode_property_read_u32(pcs, "reg", addr);
	fwnode_handle_put(pcs);
	return ret;
}

/* a failed out-parameter acquire holds nothing */
static int good_out_param(struct device_node *np, u32 *cell)
{
	struct of_phandle_args args;
	int ret;

	ret = of_parse_phandle_with_args(np, "acme,syscon", "#acme-cells", 0, &args);
	if (ret)
		return ret;
	*cell = args.args[0];
	of_node_put(args.np);
	return 0;
}

/* the same, with "< 0" and the call in the condition */
static int good_out_param2(struct device_node *np, u32 *cell)
{
	struct of_phandle_args args;

	if (of_parse_phandle_with_fixed_args(np, "acme,syscon", 1, 0, &args) < 0)
		return -ENODEV;
	*cell = args.args[0];
	of_node_put(args.np);
	return 0;
}

/* an unwind ladder that releases in reverse order */
static int good_ladder(struct acme_priv *priv, struct device_node *np)
{
	struct device_node *fm_np;
	struct platform_device *fm_pdev;
	int err;

	fm_np = of_parse_phandle(np, "fsl,fman", 0);
	if (!fm_np)
		return -ENODEV;
	fm_pdev = of_find_device_by_node(fm_np);
	if (!fm_pdev) {
		err = -EPROBE_DEFER;
		goto put_node;
	}
	if (!platform_get_drvdata(fm_pdev)) {
		err = -EPROBE_DEFER;
		goto put_dev;
	}
	priv->fm_pdev = fm_pdev;
	of_node_put(fm_np);
	return 0;

put_dev:
	put_device(&fm_pdev->dev);
put_node:
	of_node_put(fm_np);
	return err;
}

/* handed off by return */
static struct device_node *good_return(struct device_node *np)
{
	struct device_node *child;

	child = of_get_child_by_name(np, "mdio");
	if (!child)
		return NULL;
	if (!of_device_is_available(child)) {
		of_node_put(child);
		return NULL;
	}
	return child;
}

/* handed off by storing in the private structure */
static int good_store(struct acme_priv *priv, struct device_node *np)
{
	priv->np = of_parse_phandle(np, "acme,syscon", 0);
	if (!priv->np)
		return -ENODEV;
	return 0;
}

/* handed off by storing through a local alias */
static int good_store_alias(struct acme_priv *priv, struct device_node *np)
{
	struct device_node *n;

	n = of_parse_phandle(np, "acme,syscon", 0);
	if (!n)
		return -ENODEV;
	priv->np = n;
	return 0;
}

/* handed off to the device (dev->of_node) */
static int good_dev_of_node(struct device *dev, struct device_node *np)
{
	struct device_node *child;

	child = of_get_child_by_name(np, "port");
	if (!child)
		return -ENODEV;
	dev->of_node = child;
	return 0;
}

/* drivers/net/phy/mdio_bus.c of_mdiobus_find_phy(): device_set_node()
 * takes over the loop's reference */
static int good_device_set_node(struct device *dev, struct mdio_device *mdiodev, struct device_node *np)
{
	struct device_node *child;
	u32 addr;

	for_each_available_child_of_node(np, child) {
		if (of_property_read_u32(child, "reg", &addr))
			continue;
		if (addr == mdiodev->addr) {
			device_set_node(dev, of_fwnode_handle(child));
			/* The refcount on "child" is passed to the mdio
			 * device. Do _not_ use of_node_put(child) here.
			 */
			return 0;
		}
	}
	return -ENODEV;
}

/* a __free() variable drops its reference at scope exit */
static int good_free_cleanup(struct device_node *np, u32 *reg)
{
	struct device_node *syscon __free(device_node) = of_parse_phandle(np, "acme,syscon", 0);

	if (!syscon)
		return -ENODEV;
	if (of_property_read_u32(syscon, "reg", reg))
		return -EINVAL;
	return 0;
}

/* a __free() variable handed off with no_free_ptr() */
static int good_free_handoff(struct acme_priv *priv, struct device_node *np)
{
	struct device_node *n __free(device_node) = of_parse_phandle(np, "acme,syscon", 0);

	if (!n)
		return -ENODEV;
	if (!of_device_is_available(n))
		return -ENODEV;
	priv->np = no_free_ptr(n);
	return 0;
}

/* putting the child before leaving the loop */
static struct device_node *good_put_before_break(struct device_node *np)
{
	struct device_node *child, *found = NULL;
	u32 reg;

	for_each_child_of_node(np, child) {
		if (of_property_read_u32(child, "reg", &reg)) {
			of_node_put(child);
			break;
		}
		if (reg == 1) {
			found = of_node_get(child);
			of_node_put(child);
			break;
		}
	}
	return found;
}

/* put on return from inside the loop, and goto to a label that puts */
static int good_put_in_loop(struct device *dev, struct device_node *np)
{
	struct device_node *child;
	u32 reg;
	int err;

	for_each_child_of_node(np, child) {
		if (!of_device_is_available(child)) {
			of_node_put(child);
			return -ENODEV;
		}
		err = of_property_read_u32(child, "reg", &reg);
		if (err)
			goto put_child;
	}
	return 0;

put_child:
	of_node_put(child);
	dev_err(dev, "bad child\n");
	return err;
}

/* a loop that runs to completion holds nothing */
static int good_loop_completes(struct device_node *np)
{
	struct device_node *child;
	int n = 0;

	for_each_child_of_node(np, child) {
		if (!of_device_is_available(child))
			continue;
		n++;
	}
	return n;
}

/* the compatible-node iterator drops its previous node too */
static int good_compatible_iter(void)
{
	struct device_node *dn;
	int n = 0;

	for_each_compatible_node(dn, NULL, "acme,port")
		n++;
	return n;
}

/* device-managed getters need no release */
static int good_devm(struct acme_priv *priv)
{
	struct phy *phy;
	struct clk *clk;

	phy = devm_phy_get(priv->dev, "serdes");
	if (IS_ERR(phy))
		return PTR_ERR(phy);
	clk = devm_clk_get(priv->dev, "ref");
	if (IS_ERR(clk))
		return PTR_ERR(clk);
	priv->serdes = phy;
	priv->clk = clk;
	return phy_init(phy);
}

/* try_module_get() balanced on every path */
static int good_module(struct acme_priv *priv, struct module *owner)
{
	struct phy *phy;

	if (!try_module_get(owner))
		return -ENODEV;
	phy = phy_get(priv->dev, "serdes");
	if (IS_ERR(phy)) {
		module_put(owner);
		return PTR_ERR(phy);
	}
	priv->serdes = phy;
	priv->owner = owner;
	return 0;
}

/* the device reference dropped with platform_device_put() */
static int good_platform_put(struct device_node *np)
{
	struct platform_device *pdev;
	void *drvdata;

	pdev = of_find_device_by_node(np);
	if (!pdev)
		return -EPROBE_DEFER;
	drvdata = platform_get_drvdata(pdev);
	platform_device_put(pdev);
	return drvdata ? 0 : -EPROBE_DEFER;
}

/* a same-file wrapper whose result the caller drops */
static struct device_node *good_get_syscon(struct device_node *np)
{
	return of_parse_phandle(np, "acme,syscon", 0);
}

static int good_wrapper_user(struct device_node *np, u32 *reg)
{
	struct device_node *syscon = good_get_syscon(np);
	int ret;

	if (!syscon)
		return -ENODEV;
	ret = of_property_read_u32(syscon, "reg", reg);
	of_node_put(syscon);
	return ret;
}

/* a same-file release wrapper */
static void good_put_syscon(struct device_node *syscon)
{
	if (syscon)
		of_node_put(syscon);
}

static int good_release_wrapper(struct device_node *np, u32 *reg)
{
	struct device_node *syscon = of_parse_phandle(np, "acme,syscon", 0);
	int ret;

	if (!syscon)
		return -ENODEV;
	ret = of_property_read_u32(syscon, "reg", reg);
	good_put_syscon(syscon);
	return ret;
}

/* status first, then pointer, with a shared exit label */
static int good_shared_exit(struct acme_priv *priv, struct device_node *np)
{
	struct device_node *mdio_np;
	int ret = 0;

	mdio_np = of_get_child_by_name(np, "mdio");
	if (!mdio_np)
		return 0;
	if (!of_device_is_available(mdio_np)) {
		ret = -ENODEV;
		goto out;
	}
	ret = of_property_read_u32(mdio_np, "reg", NULL);
out:
	of_node_put(mdio_np);
	return ret;
}

/* IS_ERR_OR_NULL on an ERR_PTR API */
static int good_is_err_or_null(struct acme_priv *priv, struct fwnode_handle *fwnode)
{
	struct fwnode_handle *pcs = fwnode_find_reference(fwnode, "pcs-handle", 0);

	if (IS_ERR_OR_NULL(pcs))
		return -ENODEV;
	priv->pcs_fwnode = pcs;
	return 0;
}

/* the node taken by of_get_parent() handed to the child device */
static int good_get_device(struct acme_priv *priv, struct device *dev)
{
	struct device *d = get_device(dev);

	priv->dev = d;
	return 0;
}

/* a scoped iterator: the cleanup drops the child on every exit */
static int good_scoped(struct device_node *np, u32 want)
{
	u32 reg;

	for_each_child_of_node_scoped(np, child) {
		if (of_property_read_u32(child, "reg", &reg))
			return -EINVAL;
		if (reg == want)
			return 0;
	}
	return -ENODEV;
}

/* of_node_get() balancing an iterator that drops its start node */
static int good_get_for_find(struct device_node *dn)
{
	struct device_node *ports;

	of_node_get(dn);
	ports = of_find_node_by_name(dn, "ports");
	if (!ports)
		return -ENODEV;
	of_node_put(ports);
	return 0;
}

/* pins the device and returns its driver data, not the device: callers
 * get no reference to drop (fman_bind() in the freescale fman driver) */
void *acme_bind(struct device *dev)
{
	return dev_get_drvdata(get_device(dev));
}

static int acme_bound_mode(struct device *dev)
{
	int *mode = acme_bind(dev);

	if (!mode)
		return -ENODEV;
	if (*mode < 0)
		return -EINVAL;
	return *mode;
}
