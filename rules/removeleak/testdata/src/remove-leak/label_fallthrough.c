// remove-leak: probe's success path falls through into the label that
// drops the local a field was loaded from (sound/soc/mediatek/mt8173:
// dai_link->platforms->of_node = platform_node; ... ret = register(card);
// put_platform_node: of_node_put(platform_node); return ret;): the field
// only borrows a reference probe drops on every path. A field filled
// straight from the lookup and never put still leaks; so does a local
// whose put sits under a label reached only by gotos.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of.h>

struct ft_component {
	const char *name;
	struct device_node *of_node;
};

struct ft_link {
	struct ft_component *platforms;
	struct ft_component *codecs;
};

static struct ft_component ft_platform[2];
static struct ft_component ft_codec[2];
static struct ft_link ft_links[2] = {
	{ .platforms = &ft_platform[0], .codecs = &ft_codec[0] },
	{ .platforms = &ft_platform[1], .codecs = &ft_codec[1] },
};

int ft_register(struct device *dev);

static int ft_probe(struct platform_device *pdev)
{
	struct device_node *platform_node;
	struct ft_link *link;
	int ret, i;

	platform_node = of_parse_phandle(pdev->dev.of_node, "platform", 0);
	if (!platform_node)
		return -EINVAL;
	for (i = 0; i < 2; i++) {
		link = &ft_links[i];
		if (link->platforms->name)
			continue;
		link->platforms->of_node = platform_node;
	}

	ft_links[0].codecs->of_node = of_parse_phandle(pdev->dev.of_node, "codec", 0); /* want "ft_links\\[0\\].codecs->of_node holds a reference from of_parse_phandle\\(\\) taken in probe, and the driver has no .remove" */
	if (!ft_links[0].codecs->of_node) {
		ret = -EINVAL;
		goto put_platform_node;
	}

	ret = ft_register(&pdev->dev);

put_platform_node:
	of_node_put(platform_node);
	return ret;
}

static struct platform_driver ft_driver = {
	.probe = ft_probe,
	.driver = { .name = "ft" },
};
module_platform_driver(ft_driver);

static struct ft_component ft2_platform;
static struct ft_link ft2_link = { .platforms = &ft2_platform };

static int ft2_probe(struct platform_device *pdev)
{
	struct device_node *platform_node;
	int ret;

	platform_node = of_parse_phandle(pdev->dev.of_node, "platform", 0);
	if (!platform_node)
		return -EINVAL;
	ft2_link.platforms->of_node = platform_node; /* want "ft2_link.platforms->of_node holds a reference from of_parse_phandle\\(\\) taken in probe, and the driver has no .remove" */

	ret = ft_register(&pdev->dev);
	if (ret)
		goto put_platform_node;
	return 0;

put_platform_node:
	of_node_put(platform_node);
	return ret;
}

static struct platform_driver ft2_driver = {
	.probe = ft2_probe,
	.driver = { .name = "ft2" },
};
module_platform_driver(ft2_driver);
