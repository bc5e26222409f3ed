// remove-leak: a helper library, another file than the drivers using it
// (good_xfile.c, bad_xfile.c), handing out a config object whose devm
// action releases some of its fields on unbind, as stmmac_platform.c's
// devm_stmmac_probe_config_dt(). No driver here: no findings.
#include "xfile_cfg.h"

static struct cross_cfg *cross_probe_config(struct platform_device *pdev)
{
	struct cross_cfg *cfg;

	cfg = devm_kzalloc(&pdev->dev, sizeof(*cfg), GFP_KERNEL);
	if (!cfg)
		return ERR_PTR(-ENOMEM);
	cfg->phy_node = of_parse_phandle(pdev->dev.of_node, "phy-handle", 0);
	return cfg;
}

/* the release helper the devm action calls with the object */
static void cross_remove_config(struct platform_device *pdev, struct cross_cfg *cfg)
{
	of_node_put(cfg->mdio_node);
	of_node_put(cfg->phy_node);
}

static void devm_cross_remove_config(void *data)
{
	struct cross_cfg *cfg = data;

	cross_remove_config(NULL, cfg);
}

/* registered the way the kernel's devm_add_action_or_reset() macro expands */
struct cross_cfg *devm_cross_probe_config(struct platform_device *pdev)
{
	struct cross_cfg *cfg;
	int ret;

	cfg = cross_probe_config(pdev);
	if (IS_ERR(cfg))
		return cfg;
	ret = __devm_add_action_or_reset(&pdev->dev, devm_cross_remove_config, cfg, "devm_cross_remove_config");
	if (ret)
		return ERR_PTR(ret);
	return cfg;
}

/* this action puts phy_node only */
static void devm_cross_put_phy(void *data)
{
	struct cross_cfg *cfg = data;

	of_node_put(cfg->phy_node);
}

struct cross_cfg *devm_cross_probe_config_phy(struct platform_device *pdev)
{
	struct cross_cfg *cfg;
	int ret;

	cfg = cross_probe_config(pdev);
	if (IS_ERR(cfg))
		return cfg;
	ret = devm_add_action_or_reset(&pdev->dev, devm_cross_put_phy, cfg);
	if (ret)
		return ERR_PTR(ret);
	return cfg;
}

/* no devm action at all */
struct cross_cfg *cross_alloc_config(struct platform_device *pdev)
{
	return cross_probe_config(pdev);
}
