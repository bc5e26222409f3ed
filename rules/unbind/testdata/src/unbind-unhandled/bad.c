// unbind-unhandled: a provider registry whose removal only unlinks.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/property.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/rtnetlink.h>
#include <linux/kref.h>
#include <linux/notifier.h>
#include <linux/mdio.h>
#include <linux/fwnode_mdio.h>
#include <linux/of_mdio.h>
#include <linux/phy/phy.h>
#include <linux/phylink.h>
#include <linux/pcs.h>

struct acme_serdes {
	struct device *dev;
	struct list_head node;
	struct kref ref;
};

static LIST_HEAD(acme_serdes_list);
static DEFINE_SPINLOCK(acme_serdes_lock);

int acme_serdes_add(struct acme_serdes *s)
{
	spin_lock(&acme_serdes_lock);
	list_add_tail(&s->node, &acme_serdes_list);
	spin_unlock(&acme_serdes_lock);
	return 0;
}

void acme_serdes_remove(struct acme_serdes *s) /* want "only takes s off acme_serdes_list: consumers that already got it from acme_serdes_find\\(\\) are never told; why: they keep a dangling pointer once its driver is unbound and frees it; fix: revoke it from its holders before it goes \\(a notifier, or detaching it from its users under the lock they use\\); .suppress_bind_attrs = true in the provider driver is only a partial guard \\(it stops sysfs unbind only, not module removal, the removal of a parent or hot-removal" */
{
	spin_lock(&acme_serdes_lock);
	list_del_init(&s->node);
	spin_unlock(&acme_serdes_lock);
}

static void acme_serdes_action(void *data)
{
	acme_serdes_remove(data);
}

int devm_acme_serdes_add(struct device *dev, struct acme_serdes *s)
{
	int ret = acme_serdes_add(s);

	if (ret)
		return ret;
	return devm_add_action_or_reset(dev, acme_serdes_action, s); /* want "registers acme_serdes_action\\(\\) as a devm release, which only takes the object off acme_serdes_list through acme_serdes_remove\\(\\)" */
}

static struct acme_serdes *acme_serdes_find(struct device *dev)
{
	struct acme_serdes *s, *found = NULL;

	spin_lock(&acme_serdes_lock);
	list_for_each_entry(s, &acme_serdes_list, node) {
		if (s->dev == dev) {
			found = s;
			break;
		}
	}
	spin_unlock(&acme_serdes_lock);
	return found;
}

struct acme_serdes *acme_serdes_get(struct device *dev)
{
	struct acme_serdes *s = acme_serdes_find(dev);

	if (!s)
		return ERR_PTR(-EPROBE_DEFER);
	return s;
}
