// err-ptr-check: no findings expected.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/property.h>
#include <linux/clk.h>
#include <linux/mdio.h>
#include <linux/fwnode_mdio.h>
#include <linux/phy/phy.h>
#include <linux/phylink.h>
#include <linux/pcs/pcs-xpcs.h>

struct acme_priv {
	struct device *dev;
	struct phy *serdes;
	struct phy *lane;
	struct fwnode_handle *pcs_fwnode;
	struct phylink *phylink;
	struct phylink_pcs *pcs;
	struct device_node *np;
	struct platform_device *fm_pdev;
	struct mdio_device *mdio;
	struct clk *clk;
};

static int good_serdes(struct acme_priv *priv)
{
	struct phy *phy;

	phy = devm_phy_get(priv->dev, "serdes");
	if (IS_ERR(phy))
		return dev_err_probe(priv->dev, PTR_ERR(phy), "no serdes\n");
	priv->serdes = phy;
	/* a later NULL test is fine once IS_ERR() was checked */
	if (!priv->serdes)
		return -ENODEV;
	return 0;
}

/* IS_ERR_OR_NULL accepts both conventions */
static int good_or_null(struct acme_priv *priv, struct fwnode_handle *fwnode)
{
	priv->pcs_fwnode = fwnode_find_reference(fwnode, "pcs-handle", 0);
	if (IS_ERR_OR_NULL(priv->pcs_fwnode))
		return -ENODEV;
	return 0;
}

/* optional getter: IS_ERR, then NULL means absent */
static int good_optional(struct acme_priv *priv)
{
	priv->lane = devm_phy_optional_get(priv->dev, "lane");
	if (IS_ERR(priv->lane))
		return PTR_ERR(priv->lane);
	if (priv->lane)
		return phy_init(priv->lane);
	return 0;
}

/* optional getter checked only with IS_ERR: NULL is a valid "absent" */
static int good_optional2(struct acme_priv *priv)
{
	struct phy *phy = devm_phy_optional_get(priv->dev, "lane");

	if (IS_ERR(phy))
		return PTR_ERR(phy);
	return phy_init(phy);
}

/* reassigned before the NULL check: the check is about the new value */
static int good_reassigned(struct acme_priv *priv, struct device_node *np)
{
	struct device_node *n;

	n = (struct device_node *)devm_phy_get(priv->dev, "x");
	n = of_parse_phandle(np, "acme,x", 0);
	if (!n)
		return -ENODEV;
	of_node_put(n);
	return 0;
}

/* NULL-returning lookups checked for NULL */
static int good_null(struct acme_priv *priv, struct device_node *np)
{
	struct device_node *fm_np;

	fm_np = of_parse_phandle(np, "fsl,fman", 0);
	if (!fm_np)
		return -ENODEV;
	priv->fm_pdev = of_find_device_by_node(fm_np);
	of_node_put(fm_np);
	if (!priv->fm_pdev)
		return -EPROBE_DEFER;
	return 0;
}

/* checked in place with IS_ERR */
static int good_inplace(struct acme_priv *priv, struct phylink_config *cfg, struct fwnode_handle *fwnode)
{
	if (IS_ERR(priv->phylink = phylink_create(cfg, fwnode, 0, NULL)))
		return PTR_ERR(priv->phylink);
	if (!(priv->np = of_parse_phandle(NULL, "x", 0)))
		return -ENODEV;
	return 0;
}

/* the value is returned: the caller checks it */
static struct phy *good_returned(struct acme_priv *priv)
{
	struct phy *phy = devm_phy_get(priv->dev, "serdes");

	if (!phy)
		return ERR_PTR(-ENODEV);
	return phy;
}

/* a same-file wrapper that turns the ERR_PTR into NULL */
static struct phy *good_wrap(struct acme_priv *priv)
{
	struct phy *phy = devm_phy_get(priv->dev, "serdes");

	if (IS_ERR(phy))
		return NULL;
	return phy;
}

static int good_wrap_user(struct acme_priv *priv)
{
	struct phy *phy = good_wrap(priv);

	if (!phy)
		return -ENODEV;
	return phy_init(phy);
}

/* both checks */
static int good_both(struct acme_priv *priv)
{
	priv->clk = clk_get(priv->dev, "ref");
	if (!priv->clk || IS_ERR(priv->clk))
		return -ENODEV;
	return 0;
}

/* compared with an ERR_PTR value */
static int good_errptr_cmp(struct acme_priv *priv)
{
	struct phy *phy = devm_phy_get(priv->dev, "serdes");

	if (phy == ERR_PTR(-EPROBE_DEFER))
		return -EPROBE_DEFER;
	if (!phy)
		return -ENODEV;
	return 0;
}

/* a conditional fallback, then one IS_ERR() for both values */
static int good_fallback(struct acme_priv *priv)
{
	priv->clk = clk_get(priv->dev, "axi");
	if (!priv->clk)
		priv->clk = clk_get(priv->dev, NULL);
	if (IS_ERR(priv->clk))
		return PTR_ERR(priv->clk);
	return 0;
}

/* a function of the file overrides the model (6.12's lynx_pcs_create()
 * returns an ERR_PTR; the model still says NULL) */
static struct phylink_pcs *lynx_pcs_create(struct mdio_device *mdio)
{
	if (!mdio)
		return ERR_PTR(-ENOMEM);
	return (struct phylink_pcs *)&mdio->dev;
}

static int good_local_model(struct mdio_device *mdio)
{
	struct phylink_pcs *pcs = lynx_pcs_create(mdio);

	if (IS_ERR(pcs))
		return PTR_ERR(pcs);
	return 0;
}
