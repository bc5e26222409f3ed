// ref-leak: devm_add_action_or_reset(host, remove, obj) whose action puts
// a field of obj (put_device(obj->dev)) takes over the reference stored
// there: the reset half puts it when the registration fails, and a later
// failure leaves the action registered. An action that puts nothing of
// obj takes nothing over. Reduced from drivers/cxl/core/port.c.
#include <linux/err.h>
#include <linux/slab.h>
#include <linux/device.h>

struct acme_dport {
	struct device *dport_dev;
	int id;
};

int acme_add_dport(struct acme_dport *dport);
int acme_link(struct device *dev);

static void acme_dport_remove(void *data)
{
	struct acme_dport *dport = data;

	put_device(dport->dport_dev);
}

static void acme_dport_unlink(void *data)
{
	struct acme_dport *dport = data;

	dport->id = 0;
}

struct acme_dport *acme_devm_add_dport(struct device *host, struct device *dport_dev)
{
	struct acme_dport *dport;
	int rc;

	dport = devm_kzalloc(host, sizeof(*dport), GFP_KERNEL);
	if (!dport)
		return ERR_PTR(-ENOMEM);
	dport->dport_dev = dport_dev;
	rc = acme_add_dport(dport);
	if (rc)
		return ERR_PTR(rc);

	get_device(dport_dev);
	rc = devm_add_action_or_reset(host, acme_dport_remove, dport);
	if (rc)
		return ERR_PTR(rc);

	rc = acme_link(dport_dev);
	if (rc)
		return ERR_PTR(rc);

	rc = devm_add_action_or_reset(host, acme_dport_unlink, dport);
	if (rc)
		return ERR_PTR(rc);
	return dport;
}

/* bad: the action registered drops nothing of the device */
struct acme_dport *acme_devm_add_dport_bad(struct device *host, struct device *dport_dev)
{
	struct acme_dport *dport;
	int rc;

	dport = devm_kzalloc(host, sizeof(*dport), GFP_KERNEL);
	if (!dport)
		return ERR_PTR(-ENOMEM);
	dport->dport_dev = dport_dev;
	get_device(dport_dev);
	rc = devm_add_action_or_reset(host, acme_dport_unlink, dport);
	if (rc)
		return ERR_PTR(rc); /* want "reference from get_device\\(\\) at line 70 leaks when (__)?devm_add_action_or_reset\\(\\) fails" */
	return dport;
}
