// SPDX-License-Identifier: GPL-2.0
/*
 * ACME MAC: a sample consumer driver for pcslint's demo. It finds its PCS
 * and serdes through the device tree the way many real MAC drivers do, and
 * it has the bugs real drivers have.
 */
#include <linux/device.h>
#include <linux/err.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/phy/phy.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

struct acme_port {
	struct device *dev;
	struct platform_device *fm_pdev;
	struct device_node *pcs_np;
	struct phy *serdes;
	void *regs;
};

/* Looks up the frame manager; the reference leaks when the region fails. */
static int acme_probe_fm(struct acme_port *port, struct device_node *np)
{
	struct device_node *fm_node;
	struct platform_device *fm_pdev;
	struct resource *res;
	int err;

	fm_node = of_get_parent(np);
	if (!fm_node)
		return -ENODEV;

	fm_pdev = of_find_device_by_node(fm_node);
	of_node_put(fm_node);
	if (!fm_pdev)
		return -EPROBE_DEFER;

	res = __devm_request_region(port->dev, NULL, 0, 0x1000, "acme");
	if (!res) {
		err = -EBUSY;
		goto free_port;
	}

	port->fm_pdev = fm_pdev;
	return 0;

free_port:
	return err;
}

/* Counts enabled ports; returning from inside the loop leaks the child. */
static int acme_count_ports(struct device_node *np)
{
	struct device_node *child;
	int n = 0;

	for_each_child_of_node(np, child) {
		if (!of_device_is_available(child))
			return -EINVAL;
		n++;
	}
	return n;
}

/* Correct: the reference is dropped on every path. */
static int acme_find_pcs(struct acme_port *port, struct device_node *np)
{
	struct device_node *pcs_np;

	pcs_np = of_parse_phandle(np, "pcs-handle", 0);
	if (!pcs_np)
		return -ENODEV;
	if (!of_device_is_available(pcs_np)) {
		of_node_put(pcs_np);
		return -ENODEV;
	}
	port->pcs_np = pcs_np;	/* kept until remove */
	return 0;
}

/* The serdes is device-managed: putting it by hand frees it twice. */
static int acme_serdes_init(struct acme_port *port)
{
	struct phy *serdes;
	int err;

	serdes = devm_phy_get(port->dev, "serdes");
	if (IS_ERR(serdes))
		return PTR_ERR(serdes);
	err = phy_init(serdes);
	if (err) {
		phy_put(port->dev, serdes);
		return err;
	}
	port->serdes = serdes;
	return 0;
}

static int acme_probe(struct platform_device *pdev)
{
	struct acme_port *port;
	int err;

	port = devm_kzalloc(&pdev->dev, sizeof(*port), GFP_KERNEL);
	if (!port)
		return -ENOMEM;
	port->dev = &pdev->dev;
	err = acme_probe_fm(port, pdev->dev.of_node);
	if (err)
		return err;
	err = acme_count_ports(pdev->dev.of_node);
	if (err < 0)
		return err;
	err = acme_find_pcs(port, pdev->dev.of_node);
	if (err)
		return err;
	err = acme_serdes_init(port);
	if (err)
		return err;
	platform_set_drvdata(pdev, port);
	return 0;
}

static void acme_remove(struct platform_device *pdev)
{
	struct acme_port *port = platform_get_drvdata(pdev);

	put_device(&port->fm_pdev->dev);
}

static const struct of_device_id acme_match[] = {
	{ .compatible = "acme,mac" },
	{ }
};

static struct platform_driver acme_driver = {
	.probe = acme_probe,
	.remove = acme_remove,
	.driver = {
		.name = "acme-mac",
		.of_match_table = acme_match,
	},
};
module_platform_driver(acme_driver);
MODULE_LICENSE("GPL");
