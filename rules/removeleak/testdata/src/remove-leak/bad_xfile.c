// remove-leak: the twins of good_xfile.c whose stored field nothing
// releases: the helper's devm action puts other fields, the helper
// registers no action, or the object does not always come from the helper.
#include "xfile_cfg.h"

static int bad_cross_probe(struct platform_device *pdev)
{
	struct cross_cfg *cfg;

	cfg = devm_cross_probe_config_phy(pdev);
	if (IS_ERR(cfg))
		return PTR_ERR(cfg);
	cfg->mdio_node = of_get_child_by_name(pdev->dev.of_node, "mdio"); /* want "cfg->mdio_node holds a reference from of_get_child_by_name\\(\\) taken in probe, but bad_cross_remove never calls of_node_put\\(\\) on it" */
	platform_set_drvdata(pdev, cfg);
	return 0;
}

static void bad_cross_remove(struct platform_device *pdev)
{
}

static struct platform_driver bad_cross_driver = {
	.probe = bad_cross_probe,
	.remove = bad_cross_remove,
	.driver = { .name = "bad-cross" },
};

static int bad_cross_clk_probe(struct platform_device *pdev)
{
	struct cross_cfg *cfg;

	cfg = devm_cross_probe_config(pdev);
	if (IS_ERR(cfg))
		return PTR_ERR(cfg);
	/* the action puts the nodes, not the clock */
	cfg->clk = clk_get(&pdev->dev, "ref"); /* want "cfg->clk holds a reference from clk_get\\(\\) taken in probe" */
	platform_set_drvdata(pdev, cfg);
	return 0;
}

static void bad_cross_clk_remove(struct platform_device *pdev)
{
}

static struct platform_driver bad_cross_clk_driver = {
	.probe = bad_cross_clk_probe,
	.remove = bad_cross_clk_remove,
	.driver = { .name = "bad-cross-clk" },
};

static int bad_cross_noaction_probe(struct platform_device *pdev)
{
	struct cross_cfg *cfg;

	cfg = cross_alloc_config(pdev);
	if (IS_ERR(cfg))
		return PTR_ERR(cfg);
	cfg->mdio_node = of_get_child_by_name(pdev->dev.of_node, "mdio"); /* want "cfg->mdio_node holds a reference from of_get_child_by_name\\(\\) taken in probe" */
	platform_set_drvdata(pdev, cfg);
	return 0;
}

static void bad_cross_noaction_remove(struct platform_device *pdev)
{
}

static struct platform_driver bad_cross_noaction_driver = {
	.probe = bad_cross_noaction_probe,
	.remove = bad_cross_noaction_remove,
	.driver = { .name = "bad-cross-noaction" },
};

static int bad_cross_either_probe(struct platform_device *pdev)
{
	struct cross_cfg *cfg;

	if (pdev->dev.of_node)
		cfg = devm_cross_probe_config(pdev);
	else
		cfg = cross_alloc_config(pdev);
	if (IS_ERR(cfg))
		return PTR_ERR(cfg);
	cfg->mdio_node = of_get_child_by_name(pdev->dev.of_node, "mdio"); /* want "cfg->mdio_node holds a reference from of_get_child_by_name\\(\\) taken in probe" */
	platform_set_drvdata(pdev, cfg);
	return 0;
}

static void bad_cross_either_remove(struct platform_device *pdev)
{
}

static struct platform_driver bad_cross_either_driver = {
	.probe = bad_cross_either_probe,
	.remove = bad_cross_either_remove,
	.driver = { .name = "bad-cross-either" },
};
