// double-put: no findings expected.
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
	struct device_node *np;
};

/* put before break (the loop no longer drops it) */
static struct device_node *good_break(struct device_node *np)
{
	struct device_node *child;

	for_each_child_of_node(np, child) {
		if (of_property_read_bool(child, "acme,fast")) {
			of_node_put(child);
			break;
		}
	}
	return NULL;
}

/* get + put inside the loop, balanced */
static int good_get_put(struct device_node *np)
{
	struct device_node *child, *port;
	int n = 0;

	for_each_child_of_node(np, child) {
		port = of_node_get(child);
		of_node_put(port);
		n++;
	}
	return n;
}

/* continue without a put */
static int good_continue(struct device_node *np)
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

/* put after a loop that may have broken out holding the child */
static int good_put_after_break(struct device_node *np)
{
	struct device_node *child;

	for_each_child_of_node(np, child) {
		if (of_property_read_bool(child, "acme,fast"))
			break;
	}
	of_node_put(child);
	return 0;
}

/* put, then re-acquire into the same variable, then put again */
static int good_reacquire(struct device_node *np)
{
	struct device_node *n;

	n = of_parse_phandle(np, "acme,a", 0);
	if (!n)
		return -ENODEV;
	of_node_put(n);
	n = of_parse_phandle(np, "acme,b", 0);
	if (!n)
		return -ENODEV;
	of_node_put(n);
	return 0;
}

/* one put on each branch */
static int good_branches(struct device_node *np, int x)
{
	struct device_node *n = of_get_parent(np);

	if (x) {
		of_node_put(n);
		return 1;
	}
	of_node_put(n);
	return 0;
}

/* a ladder that puts each reference once */
static int good_ladder(struct device_node *np)
{
	struct device_node *fm_np;
	struct platform_device *pdev;
	int err;

	fm_np = of_parse_phandle(np, "fsl,fman", 0);
	if (!fm_np)
		return -ENODEV;
	pdev = of_find_device_by_node(fm_np);
	if (!pdev) {
		err = -EPROBE_DEFER;
		goto err_node;
	}
	put_device(&pdev->dev);
	of_node_put(fm_np);
	return 0;

err_node:
	of_node_put(fm_np);
	return err;
}

/* __free() variable handed off with no_free_ptr() and put by its new owner */
static int good_free_handoff(struct device_node *np)
{
	struct device_node *n __free(device_node) = of_parse_phandle(np, "acme,syscon", 0);

	if (!n)
		return -ENODEV;
	of_node_put(no_free_ptr(n));
	return 0;
}

/* a __free() variable cleared after a hand put */
static int good_free_cleared(struct device_node *np)
{
	struct device_node *n __free(device_node) = of_parse_phandle(np, "acme,syscon", 0);

	if (!n)
		return -ENODEV;
	of_node_put(n);
	n = NULL;
	return 0;
}

/* the reference was taken twice, so two puts are right */
static int good_two_refs(struct acme_priv *priv, struct device_node *np)
{
	struct device_node *n = of_parse_phandle(np, "acme,syscon", 0);

	if (!n)
		return -ENODEV;
	of_node_get(n);
	of_node_put(n);
	of_node_put(n);
	return 0;
}

/* a get inside the loop before continue keeps the iterator's reference */
static int good_get_continue(struct acme_priv *priv, struct device_node *np)
{
	struct device_node *child;

	for_each_child_of_node(np, child) {
		if (!of_device_is_available(child))
			continue;
		priv->np = of_node_get(child);
	}
	return 0;
}

/* of_node_get() before the put keeps the loop's reference balanced */
static int good_get_then_put(struct device_node *np)
{
	struct device_node *child;

	for_each_child_of_node(np, child) {
		of_node_get(child);
		of_node_put(child);
	}
	return 0;
}

/* the put is done by a release wrapper, once */
static void good_put_wrapper(struct device_node *n)
{
	of_node_put(n);
}

static int good_wrapper_once(struct device_node *np)
{
	struct device_node *n = of_parse_phandle(np, "acme,a", 0);

	if (!n)
		return -ENODEV;
	good_put_wrapper(n);
	return 0;
}
