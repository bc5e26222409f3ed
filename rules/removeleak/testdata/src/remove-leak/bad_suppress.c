// remove-leak: suppress_bind_attrs stops sysfs unbind, but module removal
// still runs .remove, which forgets the reference.
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

struct acme_sw {
	struct mdio_device *mdio;
};

static int acme_sw_probe(struct platform_device *pdev)
{
	struct acme_sw *sw = devm_kzalloc(&pdev->dev, sizeof(*sw), GFP_KERNEL);
	struct mdio_device *mdio;

	if (!sw)
		return -ENOMEM;
	mdio = fwnode_mdio_find_device(pdev->dev.fwnode);
	if (!mdio)
		return -EPROBE_DEFER;
	sw->mdio = mdio; /* want "sw->mdio holds a reference from fwnode_mdio_find_device\\(\\) taken in probe, but acme_sw_remove never calls put_device\\(\\) on it" */
	platform_set_drvdata(pdev, sw);
	return 0;
}

static void acme_sw_remove(struct platform_device *pdev)
{
	platform_set_drvdata(pdev, NULL);
}

static struct platform_driver acme_sw_driver = {
	.probe = acme_sw_probe,
	.remove_new = acme_sw_remove,
	.driver = {
		.name = "acme-sw",
		.suppress_bind_attrs = true,
	},
};
