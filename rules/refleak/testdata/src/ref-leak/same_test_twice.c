// ref-leak: the same test of what a local's member points to, made twice
// with no write between, goes the same way both times. Reduced from
// emac_dev_open() (ti/davinci_emac.c): the device is put when the name is
// empty, and after connecting when it is not.
#include <linux/module.h>
#include <linux/device.h>
#include <linux/device/bus.h>
#include <linux/phy.h>

struct acme_priv {
	const char *phy_id;
	int link;
};

extern const struct bus_type acme_bus_type;
int acme_match_first(struct device *dev, const void *data);
int acme_connect(struct acme_priv *priv, const char *id);

static int acme_open(struct acme_priv *priv)
{
	struct device *phy;

	phy = bus_find_device(&acme_bus_type, NULL, NULL, acme_match_first);
	if (phy) {
		priv->phy_id = dev_name(phy);
		if (!priv->phy_id || !*priv->phy_id)
			put_device(phy);
	}
	if (phy && priv->phy_id && *priv->phy_id) {
		acme_connect(priv, priv->phy_id);
		put_device(phy);
	}
	return 0;
}

/* bad twin: the name changes between the tests */
static int acme_open_renamed(struct acme_priv *priv, const char *other)
{
	struct device *phy;

	phy = bus_find_device(&acme_bus_type, NULL, NULL, acme_match_first);
	if (phy) {
		priv->phy_id = dev_name(phy);
		if (!priv->phy_id || !*priv->phy_id)
			put_device(phy);
	}
	priv->phy_id = other;
	if (phy && priv->phy_id && *priv->phy_id) {
		acme_connect(priv, priv->phy_id);
		put_device(phy);
	}
	return 0; /* want "leaks" */
}

/* bad twin: a call given the pointer may change what it points to */
void acme_clear_name(const char *name);
static int acme_open_cleared(struct acme_priv *priv)
{
	struct device *phy;

	phy = bus_find_device(&acme_bus_type, NULL, NULL, acme_match_first);
	if (phy) {
		priv->phy_id = dev_name(phy);
		if (!priv->phy_id || !*priv->phy_id)
			put_device(phy);
	}
	acme_clear_name(priv->phy_id);
	if (phy && priv->phy_id && *priv->phy_id) {
		acme_connect(priv, priv->phy_id);
		put_device(phy);
	}
	return 0; /* want "leaks" */
}
