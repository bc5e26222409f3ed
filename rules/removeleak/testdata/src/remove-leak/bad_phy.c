// remove-leak: PHY drivers (an array of struct phy_driver), one without
// .remove, one whose .remove does not release.
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

struct acme_phy_priv {
	struct device_node *serdes_np;
	struct platform_device *serdes;
};

static int acme_phy_probe(struct phy_device *phydev)
{
	struct acme_phy_priv *priv = devm_kzalloc(&phydev->mdio.dev, sizeof(*priv), GFP_KERNEL);

	if (!priv)
		return -ENOMEM;
	priv->serdes_np = of_parse_phandle(phydev->mdio.dev.of_node, "serdes", 0); /* want "priv->serdes_np holds a reference from of_parse_phandle\\(\\) taken in probe, and the driver has no .remove" */
	phydev->priv = priv;
	return 0;
}

static int acme_phy2_probe(struct phy_device *phydev)
{
	struct acme_phy_priv *priv = devm_kzalloc(&phydev->mdio.dev, sizeof(*priv), GFP_KERNEL);
	struct device_node *np;

	if (!priv)
		return -ENOMEM;
	np = of_parse_phandle(phydev->mdio.dev.of_node, "serdes", 0);
	if (!np)
		return -ENODEV;
	priv->serdes = of_find_device_by_node(np); /* want "priv->serdes holds a reference from of_find_device_by_node\\(\\) taken in probe, but acme_phy2_remove never calls put_device\\(\\)" */
	of_node_put(np);
	phydev->priv = priv;
	return 0;
}

static void acme_phy2_remove(struct phy_device *phydev)
{
	/* drops the wrong thing */
	of_node_put(phydev->mdio.dev.of_node);
}

static struct phy_driver acme_phy_drivers[] = {
	{
		.phy_id = 0x1234,
		.name = "acme phy",
		.probe = acme_phy_probe,
	},
	{
		.phy_id = 0x1235,
		.name = "acme phy 2",
		.probe = acme_phy2_probe,
		.remove = acme_phy2_remove,
	},
};
