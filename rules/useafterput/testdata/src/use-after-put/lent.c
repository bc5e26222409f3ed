// use-after-put: the put of a count embedded in an object the function
// did not acquire (put_device(&fn->dev) of a parameter, kref_put() of an
// object found through another) can free the object: reading it after the
// put is a use after free (rmi4 rmi_unregister_function(), ipmi
// _ipmi_destroy_user() fixes).
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/device.h>
#include <linux/kref.h>

struct acme_fn {
	struct device dev;
	int num_irqs;
	int irq[8];
};

struct acme_intf {
	struct kref refcount;
	struct module *owner;
};

struct acme_user {
	struct acme_intf *intf;
};

void irq_dispose_mapping(unsigned int virq);
void device_del(struct device *dev);

void acme_unregister_fn(struct acme_fn *fn)
{
	int i;

	device_del(&fn->dev);
	put_device(&fn->dev);
	for (i = 0; i < fn->num_irqs; i++) /* want "'fn' is dereferenced after put_device\\(&fn->dev\\) at line 34, which frees it if that was the last reference; why: the count is embedded in 'fn': .*the release callback frees the object; fix: move the put after the last use.*leave that freeing to it" */
		irq_dispose_mapping(fn->irq[i]);
}

static void acme_intf_free(struct kref *ref)
{
	struct acme_intf *intf = container_of(ref, struct acme_intf, refcount);

	kfree(intf);
}

void acme_destroy_user(struct acme_user *user)
{
	struct acme_intf *intf = user->intf;

	kref_put(&intf->refcount, acme_intf_free);
	module_put(intf->owner); /* want "'intf' is dereferenced after kref_put\\(&intf->refcount, acme_intf_free\\) at line 50" */
}

/* the fields read before the put: fine */
void acme_unregister_fn_fixed(struct acme_fn *fn)
{
	int i;

	device_del(&fn->dev);
	for (i = 0; i < fn->num_irqs; i++)
		irq_dispose_mapping(fn->irq[i]);
	put_device(&fn->dev);
}

void acme_destroy_user_fixed(struct acme_user *user)
{
	struct acme_intf *intf = user->intf;
	struct module *owner = intf->owner;

	kref_put(&intf->refcount, acme_intf_free);
	module_put(owner);
}

/* its own get before the put: the object outlives the put */
void acme_fn_get_put(struct acme_fn *fn)
{
	get_device(&fn->dev);
	device_del(&fn->dev);
	put_device(&fn->dev);
	irq_dispose_mapping(fn->irq[0]);
	put_device(&fn->dev);
}

/* put and nothing after it */
void acme_fn_put_only(struct acme_fn *fn)
{
	irq_dispose_mapping(fn->irq[0]);
	put_device(&fn->dev);
}

/* the put on an error path, after which the function returns */
int acme_fn_add(struct acme_fn *fn, int irq)
{
	int ret;

	ret = device_add(&fn->dev);
	if (ret) {
		put_device(&fn->dev);
		return ret;
	}
	fn->irq[0] = irq;
	return 0;
}

/* the pointer compared or reassigned after the put: no use */
void acme_fn_reuse(struct acme_fn *fn, struct acme_fn *next)
{
	put_device(&fn->dev);
	if (fn == next)
		return;
	fn = next;
	fn->num_irqs = 0;
}

struct acme_mac {
	struct acme_fn *fn;
	int id;
};

/* the count is in *mac->fn, not in mac: freeing mac after it is fine */
void acme_mac_close(struct acme_mac *mac)
{
	put_device(&mac->fn->dev);
	mac->id = 0;
	kfree(mac);
}

struct acme_rdma {
	struct kref refcnt;
	int done;
};

struct acme_edev {
	struct acme_rdma rdma_info;
	void *wq;
};

static void acme_rdma_complete(struct kref *ref)
{
	struct acme_rdma *r = container_of(ref, struct acme_rdma, refcnt);

	r->done = 1;
}

/* the kref belongs to the embedded rdma_info: its release cannot free edev */
void acme_rdma_destroy(struct acme_edev *edev)
{
	kref_put(&edev->rdma_info.refcnt, acme_rdma_complete);
	edev->wq = NULL;
}

struct acme_adap {
	struct device dev;
	int released;
};

void acme_wait(int *done);

/* the release signals what the function waits on: an address, no read */
void acme_adap_drop(struct acme_adap *adap)
{
	put_device(&adap->dev);
	acme_wait(&adap->released);
}
