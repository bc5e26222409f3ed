// double-put: findings expected.
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

/* put before continue: the iterator's next step drops the child again */
static int acme_count_ports(struct device_node *np)
{
	struct device_node *child;
	u32 reg;
	int n = 0;

	for_each_child_of_node(np, child) {
		if (of_property_read_u32(child, "reg", &reg)) {
			of_node_put(child); /* want "of_node_put\\(child\\) drops the reference that for_each_child_of_node\\(\\) at line 23 drops again on its next step" */
			continue;
		}
		n++;
	}
	return n;
}

/* put at the end of every iteration */
static void acme_walk(struct device_node *np)
{
	struct device_node *child;

	for_each_available_child_of_node(np, child) {
		of_property_read_bool(child, "acme,fast");
		of_node_put(child); /* want "of_node_put\\(child\\) drops the reference that for_each_available_child_of_node\\(\\) at line 38 drops again" */
	}
}

/* put of the loop variable after the loop ran out: child is NULL there */
static int acme_first_port(struct device_node *np)
{
	struct device_node *child;
	int n = 0;

	for_each_child_of_node(np, child)
		n++;
	of_node_put(child); /* want "of_node_put\\(child\\) after the for_each_child_of_node\\(\\) loop at line 50" */
	return n;
}

/* put inside the loop before break, and again after the loop */
static int acme_find_fast(struct device_node *np)
{
	struct device_node *child;

	for_each_child_of_node(np, child) {
		if (of_property_read_bool(child, "acme,fast")) {
			of_node_put(child);
			break;
		}
	}
	of_node_put(child); /* want "of_node_put\\(child\\) drops the reference from of_get_next_child\\(\\) at line 61 a second time: of_node_put\\(child\\) at line 63 already dropped it" */
	return 0;
}

/* explicit double of_node_put on one path */
static int acme_syscon(struct device_node *np, u32 *reg)
{
	struct device_node *syscon;
	int ret;

	syscon = of_parse_phandle(np, "acme,syscon", 0);
	if (!syscon)
		return -ENODEV;
	ret = of_property_read_u32(syscon, "reg", reg);
	of_node_put(syscon);
	if (ret) {
		of_node_put(syscon); /* want "of_node_put\\(syscon\\) drops the reference from of_parse_phandle\\(\\) at line 77 a second time: of_node_put\\(syscon\\) at line 81 already dropped it" */
		return ret;
	}
	return 0;
}

/* the error label puts what the failing path already put */
static int acme_fman(struct device_node *np)
{
	struct device_node *fm_np;
	struct platform_device *pdev;
	int err;

	fm_np = of_parse_phandle(np, "fsl,fman", 0);
	if (!fm_np)
		return -ENODEV;
	pdev = of_find_device_by_node(fm_np);
	of_node_put(fm_np);
	if (!pdev) {
		err = -EPROBE_DEFER;
		goto err_node;
	}
	put_device(&pdev->dev);
	return 0;

err_node:
	of_node_put(fm_np); /* want "of_node_put\\(fm_np\\) drops the reference from of_parse_phandle\\(\\) at line 96 a second time" */
	return err;
}

/* a __free() variable put by hand is put again at scope exit */
static int acme_free_var(struct device_node *np, u32 *reg)
{
	struct device_node *syscon __free(device_node) = of_parse_phandle(np, "acme,syscon", 0);
	int ret;

	if (!syscon)
		return -ENODEV;
	ret = of_property_read_u32(syscon, "reg", reg);
	of_node_put(syscon); /* want "of_node_put\\(syscon\\) drops the reference of __free\\(device_node\\) variable 'syscon'" */
	return ret;
}

/* device reference put twice */
static int acme_pdev(struct device_node *np)
{
	struct platform_device *pdev = of_find_device_by_node(np);

	if (!pdev)
		return -ENODEV;
	put_device(&pdev->dev);
	platform_device_put(pdev); /* want "platform_device_put\\(pdev\\) drops the reference from of_find_device_by_node\\(\\) at line 129 a second time: put_device\\(&pdev->dev\\) at line 133 already dropped it" */
	return 0;
}

/* a scoped iterator's child put by hand before return */
static int acme_scoped(struct device_node *np)
{
	for_each_child_of_node_scoped(np, child) {
		if (of_property_read_bool(child, "acme,fast")) {
			of_node_put(child); /* want "of_node_put\\(child\\) drops the reference of __free\\(device_node\\) variable 'child'" */
			return 1;
		}
	}
	return 0;
}
