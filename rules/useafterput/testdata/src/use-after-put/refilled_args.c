// use-after-put: an out-parameter filled again by a second lookup holds
// a new reference; its use after the first one was put is no use after
// put, through a view macro (to_of_node()) or directly. Reduced from
// intel_cbphy_fwnode_parse() (drivers/phy/intel/phy-intel-lgm-combo.c).
#include <linux/module.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/of.h>
#include <linux/property.h>

struct regmap;
struct regmap *acme_node_to_regmap(struct device_node *np);
struct regmap *acme_fwnode_to_regmap(struct fwnode_handle *fwnode);

struct acme_cbphy {
	struct regmap *syscfg, *hsiocfg;
	u32 id, bid;
};

static int acme_parse(struct acme_cbphy *cbphy, struct fwnode_handle *fwnode)
{
	struct fwnode_reference_args ref;
	int ret;

	ret = fwnode_property_get_reference_args(fwnode, "acme,syscfg", NULL, 1, 0, &ref);
	if (ret < 0)
		return ret;
	cbphy->id = ref.args[0];
	cbphy->syscfg = acme_node_to_regmap(to_of_node(ref.fwnode));
	fwnode_handle_put(ref.fwnode);

	ret = fwnode_property_get_reference_args(fwnode, "acme,hsio", NULL, 1, 0, &ref);
	if (ret < 0)
		return ret;
	cbphy->bid = ref.args[0];
	cbphy->hsiocfg = acme_node_to_regmap(to_of_node(ref.fwnode));
	fwnode_handle_put(ref.fwnode);
	return 0;
}

static int acme_parse_direct(struct acme_cbphy *cbphy, struct fwnode_handle *fwnode)
{
	struct fwnode_reference_args ref;
	int ret;

	ret = fwnode_property_get_reference_args(fwnode, "acme,syscfg", NULL, 1, 0, &ref);
	if (ret < 0)
		return ret;
	cbphy->syscfg = acme_fwnode_to_regmap(ref.fwnode);
	fwnode_handle_put(ref.fwnode);

	ret = fwnode_property_get_reference_args(fwnode, "acme,hsio", NULL, 1, 0, &ref);
	if (ret < 0)
		return ret;
	cbphy->hsiocfg = acme_fwnode_to_regmap(ref.fwnode);
	fwnode_handle_put(ref.fwnode);
	return 0;
}

/* bad twin: a use after the put, before the second lookup */
static int acme_parse_late(struct acme_cbphy *cbphy, struct fwnode_handle *fwnode)
{
	struct fwnode_reference_args ref;
	int ret;

	ret = fwnode_property_get_reference_args(fwnode, "acme,syscfg", NULL, 1, 0, &ref);
	if (ret < 0)
		return ret;
	fwnode_handle_put(ref.fwnode);
	cbphy->syscfg = acme_node_to_regmap(to_of_node(ref.fwnode)); /* want "after fwnode_handle_put" */
	return 0;
}
