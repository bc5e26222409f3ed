// use-after-put: a device passed to a function that may keep it is not
// known to be freed by the put; but a call that failed with an error
// pointer kept nothing, so on that branch the put can free it
// (i2c-core-of.c of_i2c_notify() fix).
#include <linux/module.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/of.h>
#include <linux/i2c.h>

struct i2c_client *acme_new_client(struct i2c_adapter *adap, struct device_node *np);

int acme_notify(struct device_node *np)
{
	struct i2c_adapter *adap;
	struct i2c_client *client;

	adap = of_find_i2c_adapter_by_node(np->parent);
	if (!adap)
		return 0;
	client = acme_new_client(adap, np);
	put_device(&adap->dev);
	if (IS_ERR(client)) {
		dev_err(&adap->dev, "failed to create client for '%pOF'\n", np); /* want "'adap' is dereferenced after put_device\\(&adap->dev\\) at line 22 dropped its reference \\(from of_find_i2c_adapter_by_node\\(\\) at line 18\\)" */
		return PTR_ERR(client);
	}
	return 0;
}

/* the call succeeded: the client it made may hold the adapter */
int acme_notify_ok(struct device_node *np)
{
	struct i2c_adapter *adap;
	struct i2c_client *client;

	adap = of_find_i2c_adapter_by_node(np->parent);
	if (!adap)
		return 0;
	client = acme_new_client(adap, np);
	put_device(&adap->dev);
	if (IS_ERR(client))
		return PTR_ERR(client);
	dev_info(&adap->dev, "client added\n");
	return 0;
}

/* the message before the put: fine */
int acme_notify_fixed(struct device_node *np)
{
	struct i2c_adapter *adap;
	struct i2c_client *client;

	adap = of_find_i2c_adapter_by_node(np->parent);
	if (!adap)
		return 0;
	client = acme_new_client(adap, np);
	if (IS_ERR(client)) {
		dev_err(&adap->dev, "failed to create client for '%pOF'\n", np);
		put_device(&adap->dev);
		return PTR_ERR(client);
	}
	put_device(&adap->dev);
	return 0;
}
