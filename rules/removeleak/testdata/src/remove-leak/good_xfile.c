// remove-leak: glue drivers storing a reference in a config object that a
// helper of another file (xfile_provider.c) handed out with a devm action
// releasing that field on unbind, as dwmac-tegra.c's
// plat->mdio_node = of_get_child_by_name(...) after
// devm_stmmac_probe_config_dt(). No findings expected.
#include "xfile_cfg.h"

static int good_cross_probe(struct platform_device *pdev)
{
	struct cross_cfg *cfg;

	cfg = devm_cross_probe_config(pdev);
	if (IS_ERR(cfg))
		return PTR_ERR(cfg);
	cfg->flags = 1;
	if (!cfg->mdio_node)
		cfg->mdio_node = of_get_child_by_name(pdev->dev.of_node, "mdio");
	platform_set_drvdata(pdev, cfg);
	return 0;
}

static void good_cross_remove(struct platform_device *pdev)
{
}

static struct platform_driver good_cross_driver = {
	.probe = good_cross_probe,
	.remove = good_cross_remove,
	.driver = { .name = "good-cross" },
};

/* the object kept in the driver's own state */
struct good_cross_priv {
	struct cross_cfg *cfg;
};

static int good_cross_priv_probe(struct platform_device *pdev)
{
	struct good_cross_priv *priv;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->cfg = devm_cross_probe_config(pdev);
	if (IS_ERR(priv->cfg))
		return PTR_ERR(priv->cfg);
	priv->cfg->mdio_node = of_get_child_by_name(pdev->dev.of_node, "mdio");
	platform_set_drvdata(pdev, priv);
	return 0;
}

static void good_cross_priv_remove(struct platform_device *pdev)
{
}

static struct platform_driver good_cross_priv_driver = {
	.probe = good_cross_priv_probe,
	.remove = good_cross_priv_remove,
	.driver = { .name = "good-cross-priv" },
};
