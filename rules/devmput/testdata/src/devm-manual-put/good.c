// devm-manual-put: no findings expected.
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
	struct phy *serdes;
	struct clk *clk;
};

/* the devm release is fine on a devm reference */
static int good_devm_put(struct acme_priv *priv)
{
	struct phy *phy = devm_phy_get(priv->dev, "serdes");
	int ret;

	if (IS_ERR(phy))
		return PTR_ERR(phy);
	ret = phy_init(phy);
	if (ret) {
		devm_phy_put(priv->dev, phy);
		return ret;
	}
	priv->serdes = phy;
	return 0;
}

/* plain getter, plain release */
static int good_plain(struct acme_priv *priv)
{
	struct phy *phy = phy_get(priv->dev, "serdes");
	struct clk *clk;

	if (IS_ERR(phy))
		return PTR_ERR(phy);
	clk = clk_get(priv->dev, "ref");
	if (IS_ERR(clk)) {
		phy_put(priv->dev, phy);
		return PTR_ERR(clk);
	}
	clk_put(clk);
	phy_put(priv->dev, phy);
	return 0;
}

/* the variable was reassigned to a plain reference before the put */
static int good_reassigned(struct acme_priv *priv)
{
	struct phy *phy = devm_phy_get(priv->dev, "serdes");

	if (IS_ERR(phy))
		return PTR_ERR(phy);
	priv->serdes = phy;
	phy = phy_get(priv->dev, "lane");
	if (IS_ERR(phy))
		return PTR_ERR(phy);
	phy_put(priv->dev, phy);
	return 0;
}

/* devm getter, left to devres */
static int good_devm_only(struct acme_priv *priv)
{
	struct clk *clk = devm_clk_get(priv->dev, "ref");

	if (IS_ERR(clk))
		return PTR_ERR(clk);
	priv->clk = clk;
	return clk_prepare_enable(clk);
}
