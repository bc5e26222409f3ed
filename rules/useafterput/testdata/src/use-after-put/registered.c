// use-after-put: a put of a lookup's reference followed by the
// unregistration of the device found (drivers/pwm/core.c
// pwm_unexport_child(): pwm_dev = device_find_child(...);
// put_device(pwm_dev); device_unregister(pwm_dev);) is the standard
// idiom: the reference the registration holds keeps the device alive up
// to device_unregister(), which drops that one. Uses after the
// unregistration, or after a put with no unregistration, are real.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/device.h>

struct reg_child;
int reg_match(struct device *dev, const void *data);
void reg_note(struct device *dev);

/* good: put the lookup's reference, then unregister */
static int reg_unexport(struct device *parent, struct reg_child *child)
{
	struct device *dev;

	dev = device_find_child(parent, child, reg_match);
	if (!dev)
		return -19;
	put_device(dev);
	device_unregister(dev);
	return 0;
}

/* good: the same with device_del() and the registration's put_device() */
static int reg_unexport_del(struct device *parent, struct reg_child *child)
{
	struct device *dev;

	dev = device_find_child(parent, child, reg_match);
	if (!dev)
		return -19;
	put_device(dev);
	device_del(dev);
	reg_note(dev);
	put_device(dev);
	return 0;
}

/* bad: the unregistration dropped the last reference the function knew of */
static int reg_unexport_late(struct device *parent, struct reg_child *child)
{
	struct device *dev;

	dev = device_find_child(parent, child, reg_match);
	if (!dev)
		return -19;
	put_device(dev);
	device_unregister(dev);
	reg_note(dev); /* want "'dev' is passed to reg_note\\(\\) after device_unregister\\(dev\\) at line 54 dropped its reference \\(from device_find_child\\(\\) at line 50\\)" */
	return 0;
}

/* bad: read after the registration's put that follows device_del() */
static int reg_del_late(struct device *parent, struct reg_child *child)
{
	struct device *dev;

	dev = device_find_child(parent, child, reg_match);
	if (!dev)
		return -19;
	put_device(dev);
	device_del(dev);
	put_device(dev);
	reg_note(dev); /* want "'dev' is passed to reg_note\\(\\) after put_device\\(dev\\) at line 69 dropped its reference" */
	return 0;
}

/* bad: a use after the put with no unregistration at all */
static int reg_peek(struct device *parent, struct reg_child *child)
{
	struct device *dev;

	dev = device_find_child(parent, child, reg_match);
	if (!dev)
		return -19;
	put_device(dev);
	reg_note(dev); /* want "'dev' is passed to reg_note\\(\\) after put_device\\(dev\\) at line 82 dropped its reference" */
	return 0;
}
