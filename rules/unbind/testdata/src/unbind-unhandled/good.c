// unbind-unhandled: registries that tell holders, or never hand entries out.
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

struct acme_bridge {
	struct device *dev;
	struct list_head list;
	struct kref ref;
};

static LIST_HEAD(acme_bridges);
static DEFINE_MUTEX(acme_bridge_lock);
static struct blocking_notifier_head acme_bridge_chain;

/* holders are notified before the bridge goes */
void acme_bridge_remove(struct acme_bridge *b)
{
	mutex_lock(&acme_bridge_lock);
	list_del(&b->list);
	mutex_unlock(&acme_bridge_lock);
	blocking_notifier_call_chain(&acme_bridge_chain, 1, b);
}

static void acme_bridge_free(struct kref *ref)
{
}

/* a refcounted wrapper: holders keep it alive */
void acme_bridge_remove_ref(struct acme_bridge *b)
{
	mutex_lock(&acme_bridge_lock);
	list_del(&b->list);
	mutex_unlock(&acme_bridge_lock);
	kref_put(&b->ref, acme_bridge_free);
}

struct acme_bridge *acme_bridge_find(struct device *dev)
{
	struct acme_bridge *b;

	mutex_lock(&acme_bridge_lock);
	list_for_each_entry(b, &acme_bridges, list) {
		if (b->dev == dev) {
			kref_get(&b->ref);
			mutex_unlock(&acme_bridge_lock);
			return b;
		}
	}
	mutex_unlock(&acme_bridge_lock);
	return NULL;
}

/* a provider table only used under its lock: entries are never handed out */
struct acme_provider {
	struct device *dev;
	struct list_head list;
	int (*xlate)(struct device *dev);
};

static LIST_HEAD(acme_providers);
static DEFINE_MUTEX(acme_provider_lock);

static struct acme_provider *acme_provider_lookup(struct device *dev)
{
	struct acme_provider *p;

	list_for_each_entry(p, &acme_providers, list)
		if (p->dev == dev)
			return p;
	return ERR_PTR(-EPROBE_DEFER);
}

int acme_provider_xlate(struct device *dev)
{
	struct acme_provider *p;
	int ret;

	mutex_lock(&acme_provider_lock);
	p = acme_provider_lookup(dev);
	ret = IS_ERR(p) ? PTR_ERR(p) : p->xlate(dev);
	mutex_unlock(&acme_provider_lock);
	return ret;
}

void acme_provider_unregister(struct acme_provider *p)
{
	mutex_lock(&acme_provider_lock);
	list_del(&p->list);
	mutex_unlock(&acme_provider_lock);
	kfree(p);
}

/* a kref release: it runs once the last holder dropped its reference */
static void acme_bridge_release(struct kref *ref)
{
	struct acme_bridge *b = container_of(ref, struct acme_bridge, ref);

	mutex_lock(&acme_bridge_lock);
	list_del(&b->list);
	mutex_unlock(&acme_bridge_lock);
	kfree(b);
}
