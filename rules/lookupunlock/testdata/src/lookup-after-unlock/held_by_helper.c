// lookup-after-unlock: the lookup takes its count on the entry under the
// lock through a same-file helper (cnic_hold(): atomic_inc() of the
// entry's refcount), reduced from cnic_from_netdev() (broadcom/cnic.c);
// the caller's later pins are on an entry that can no longer be freed.
// The bad twin's helper only reads the entry.
#include <linux/module.h>
#include <linux/device.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/atomic.h>
#include <linux/pci.h>

struct acme_cdev {
	struct list_head list;
	void *netdev;
	atomic_t ref_count;
	struct pci_dev *pcidev;
	int seen;
};

static LIST_HEAD(acme_cdev_list);
static DEFINE_SPINLOCK(acme_cdev_lock);

static inline void acme_hold(struct acme_cdev *dev)
{
	atomic_inc(&dev->ref_count);
}

static inline void acme_note(struct acme_cdev *dev)
{
	dev->seen = 1;
}

static struct acme_cdev *acme_from_netdev(void *netdev)
{
	struct acme_cdev *cdev;

	spin_lock(&acme_cdev_lock);
	list_for_each_entry(cdev, &acme_cdev_list, list) {
		if (netdev == cdev->netdev) {
			acme_hold(cdev);
			spin_unlock(&acme_cdev_lock);
			return cdev;
		}
	}
	spin_unlock(&acme_cdev_lock);
	return NULL;
}

static struct acme_cdev *acme_from_netdev_unheld(void *netdev)
{
	struct acme_cdev *cdev;

	spin_lock(&acme_cdev_lock);
	list_for_each_entry(cdev, &acme_cdev_list, list) {
		if (netdev == cdev->netdev) {
			acme_note(cdev);
			spin_unlock(&acme_cdev_lock);
			return cdev;
		}
	}
	spin_unlock(&acme_cdev_lock);
	return NULL;
}

static int acme_start_hw(struct acme_cdev *dev)
{
	pci_dev_get(dev->pcidev);
	return 0;
}

int acme_netdev_event(void *netdev)
{
	struct acme_cdev *dev = acme_from_netdev(netdev);

	if (!dev)
		return 0;
	return acme_start_hw(dev);
}

int acme_netdev_event_unheld(void *netdev)
{
	struct acme_cdev *dev = acme_from_netdev_unheld(netdev);

	if (!dev)
		return 0;
	get_device(&dev->pcidev->dev); /* want "the references are taken only afterwards, here; why: .*; fix: take the references before spin_unlock\\(\\)" */
	return 0;
}
