// double-put: device_del() leaves the registration's reference to the
// put_device() after it: with a lookup's reference put before, that put
// is the registration's, not a second put of the lookup's. A third put
// is one too many.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/device.h>

struct reg_child;
int reg_match(struct device *dev, const void *data);

/* good: lookup put, then device_del() and the registration's put */
static int reg_unexport_del(struct device *parent, struct reg_child *child)
{
	struct device *dev;

	dev = device_find_child(parent, child, reg_match);
	if (!dev)
		return -19;
	put_device(dev);
	device_del(dev);
	put_device(dev);
	return 0;
}

/* bad: two puts of the lookup's reference with no unregistration */
static int reg_put_twice(struct device *parent, struct reg_child *child)
{
	struct device *dev;

	dev = device_find_child(parent, child, reg_match);
	if (!dev)
		return -19;
	put_device(dev);
	put_device(dev); /* want "put_device\\(dev\\)" */
	return 0;
}

/* bad: a put after the registration's put */
static int reg_del_put_twice(struct device *parent, struct reg_child *child)
{
	struct device *dev;

	dev = device_find_child(parent, child, reg_match);
	if (!dev)
		return -19;
	put_device(dev);
	device_del(dev);
	put_device(dev);
	put_device(dev); /* want "put_device\\(dev\\)" */
	return 0;
}
