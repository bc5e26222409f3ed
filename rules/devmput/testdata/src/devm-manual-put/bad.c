// devm-manual-put: findings expected.
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

/* phy_put() on a devm_phy_get() result */
static int acme_serdes(struct acme_priv *priv)
{
	struct phy *phy;
	int ret;

	phy = devm_phy_get(priv->dev, "serdes");
	if (IS_ERR(phy))
		return PTR_ERR(phy);
	ret = phy_init(phy);
	if (ret) {
		phy_put(priv->dev, phy); /* want "phy_put\\(priv->dev, phy\\) releases the PHY from devm_phy_get\\(\\) at line 28 by hand, but devres releases it again when the device is unbound" */
		return ret;
	}
	priv->serdes = phy;
	return 0;
}

/* clk_put() on a devm_clk_get() result */
static int acme_clk(struct acme_priv *priv)
{
	struct clk *clk = devm_clk_get(priv->dev, "ref");
	int ret;

	if (IS_ERR(clk))
		return PTR_ERR(clk);
	ret = clk_prepare_enable(clk);
	if (ret) {
		clk_put(clk); /* want "clk_put\\(clk\\) releases the clock from devm_clk_get\\(\\) at line 43 by hand.*use devm_clk_put\\(\\)" */
		return ret;
	}
	priv->clk = clk;
	return 0;
}

/* stored, then released by hand in a remove path of the same function */
static void acme_teardown(struct acme_priv *priv)
{
	priv->serdes = devm_phy_optional_get(priv->dev, "lane");
	if (IS_ERR_OR_NULL(priv->serdes))
		return;
	phy_put(priv->dev, priv->serdes); /* want "phy_put\\(priv->dev, priv->serdes\\) releases the PHY from devm_phy_optional_get\\(\\) at line 60" */
}
