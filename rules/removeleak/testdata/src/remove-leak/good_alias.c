// remove-leak: remove reaches the state through a different expression
// (gmac = priv->plat->bsp_priv); probe drops a reference on a success
// branch that does not return.
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

struct alias_bsp {
	struct clk *ephy_clk;
	struct device_node *phy_np;
};
struct alias_plat {
	struct alias_bsp *bsp_priv;
};
struct alias_priv {
	struct alias_plat *plat;
};

static int alias_get_ephy(struct alias_priv *priv, struct device *dev)
{
	struct alias_bsp *gmac = priv->plat->bsp_priv;

	gmac->ephy_clk = clk_get(dev, "ephy");
	if (IS_ERR(gmac->ephy_clk))
		return PTR_ERR(gmac->ephy_clk);
	gmac->phy_np = of_parse_phandle(dev->of_node, "phy-handle", 0);
	if (gmac->phy_np) {
		dev_set_drvdata(dev, gmac);
		of_node_put(gmac->phy_np);
	}
	return 0;
}

static int alias_probe(struct platform_device *pdev)
{
	struct alias_priv *priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);

	if (!priv)
		return -ENOMEM;
	platform_set_drvdata(pdev, priv);
	return alias_get_ephy(priv, &pdev->dev);
}

static void alias_remove(struct platform_device *pdev)
{
	struct alias_priv *priv = platform_get_drvdata(pdev);
	struct alias_bsp *gmac = priv->plat->bsp_priv;

	clk_put(gmac->ephy_clk);
}

static struct platform_driver alias_driver = {
	.probe = alias_probe,
	.remove_new = alias_remove,
	.driver = {
		.name = "alias",
	},
};
