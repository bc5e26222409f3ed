// err-ptr-check: findings expected.
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
	struct fwnode_handle *pcs_fwnode;
	struct phylink *phylink;
	struct phylink_pcs *pcs;
	struct device_node *np;
	struct platform_device *fm_pdev;
	struct mdio_device *mdio;
};

/* devm_phy_get() never returns NULL */
static int acme_get_serdes(struct acme_priv *priv)
{
	struct phy *phy;

	phy = devm_phy_get(priv->dev, "serdes");
	if (!phy) /* want "devm_phy_get\\(\\) returns an ERR_PTR on failure, never NULL: 'if \\(!phy\\)' lets the error pointer through to be dereferenced; .*fix: use IS_ERR\\(phy\\)" */
		return -ENODEV;
	priv->serdes = phy;
	return phy_init(phy);
}

/* a struct field, compared against NULL */
static int acme_get_pcs_node(struct acme_priv *priv, struct fwnode_handle *fwnode)
{
	priv->pcs_fwnode = fwnode_find_reference(fwnode, "pcs-handle", 0);
	if (priv->pcs_fwnode == NULL) /* want "fwnode_find_reference\\(\\) returns an ERR_PTR on failure, never NULL: 'if \\(priv->pcs_fwnode == NULL\\)'" */
		return -ENODEV;
	return 0;
}

/* checked in a declaration's initializer and with unlikely() */
static int acme_phylink(struct acme_priv *priv, struct phylink_config *cfg, struct fwnode_handle *fwnode)
{
	struct phylink *pl = phylink_create(cfg, fwnode, 0, NULL);

	if (unlikely(!pl)) /* want "phylink_create\\(\\) returns an ERR_PTR on failure, never NULL: '!pl'" */
		return -ENOMEM;
	priv->phylink = pl;
	return 0;
}

/* the assignment inside the condition */
static int acme_xpcs(struct acme_priv *priv, struct fwnode_handle *fwnode)
{
	if (!(priv->pcs = xpcs_create_fwnode(fwnode, 0))) /* want "xpcs_create_fwnode\\(\\) returns an ERR_PTR" */
		return -ENODEV;
	return 0;
}

/* optional getter: NULL means absent, but errors are ERR_PTRs */
static int acme_optional(struct acme_priv *priv)
{
	struct phy *phy = devm_phy_optional_get(priv->dev, "lane");

	if (phy) /* want "devm_phy_optional_get\\(\\) returns an ERR_PTR on failure and NULL only when the object is absent: 'if \\(phy\\)'" */
		return phy_init(phy);
	return 0;
}

/* the reverse: of_parse_phandle() returns NULL, never an ERR_PTR */
static int acme_fm(struct acme_priv *priv, struct device_node *np)
{
	struct device_node *fm_np;

	fm_np = of_parse_phandle(np, "fsl,fman", 0);
	if (IS_ERR(fm_np)) /* want "of_parse_phandle\\(\\) returns NULL on failure, never an ERR_PTR: 'if \\(IS_ERR\\(fm_np\\)\\)' lets NULL through to be dereferenced; .*fix: check 'if \\(!fm_np\\)'" */
		return PTR_ERR(fm_np);
	priv->fm_pdev = of_find_device_by_node(fm_np);
	of_node_put(fm_np);
	if (IS_ERR(priv->fm_pdev)) /* want "of_find_device_by_node\\(\\) returns NULL on failure" */
		return -EPROBE_DEFER;
	return 0;
}

/* the reverse with PTR_ERR_OR_ZERO */
static int acme_mdio(struct acme_priv *priv, struct fwnode_handle *fwnode)
{
	int ret;

	priv->mdio = fwnode_mdio_find_device(fwnode);
	ret = PTR_ERR_OR_ZERO(priv->mdio); /* want "fwnode_mdio_find_device\\(\\) returns NULL on failure, never an ERR_PTR: 'PTR_ERR_OR_ZERO\\(priv->mdio\\)'" */
	return ret;
}

/* a same-file wrapper that fails with ERR_PTR */
static struct device_node *acme_find_node(struct device_node *np)
{
	struct device_node *child = of_parse_phandle(np, "acme,port", 0);

	if (!child)
		return ERR_PTR(-ENODEV);
	return child;
}

static int acme_port(struct acme_priv *priv, struct device_node *np)
{
	struct device_node *port = acme_find_node(np);

	if (!port) /* want "acme_find_node\\(\\) returns an ERR_PTR on failure, never NULL" */
		return -ENODEV;
	priv->np = port;
	return 0;
}

/* an alias checked the wrong way */
static int acme_alias(struct acme_priv *priv)
{
	struct phy *phy;

	phy = devm_phy_get(priv->dev, "serdes");
	priv->serdes = phy;
	if (!priv->serdes) /* want "devm_phy_get\\(\\) returns an ERR_PTR on failure, never NULL: 'if \\(!priv->serdes\\)'" */
		return -ENODEV;
	return 0;
}
