/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pcslint stub header: I2C clients and drivers (minimal) */
#ifndef _PCSLINT_LINUX_I2C_H
#define _PCSLINT_LINUX_I2C_H

#include <linux/device.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>

struct device_node;

struct i2c_adapter {
	struct module *owner;
	unsigned int class;
	struct device dev;
	int nr;
	char name[48];
};
#define to_i2c_adapter(d) container_of(d, struct i2c_adapter, dev)

struct i2c_client {
	unsigned short flags;
	unsigned short addr;
	char name[I2C_NAME_SIZE];
	struct i2c_adapter *adapter;
	struct device dev;
	int irq;
};
#define to_i2c_client(d) container_of(d, struct i2c_client, dev)

struct i2c_driver {
	unsigned int class;
	int (*probe)(struct i2c_client *client);
	void (*remove)(struct i2c_client *client);
	void (*shutdown)(struct i2c_client *client);
	struct device_driver driver;
	const struct i2c_device_id *id_table;
};
#define to_i2c_driver(d) container_of(d, struct i2c_driver, driver)

static inline void *i2c_get_clientdata(const struct i2c_client *client)
{
	return dev_get_drvdata(&client->dev);
}

static inline void i2c_set_clientdata(struct i2c_client *client, void *data)
{
	dev_set_drvdata(&client->dev, data);
}

int i2c_register_driver(struct module *owner, struct i2c_driver *driver);
void i2c_del_driver(struct i2c_driver *driver);
#define i2c_add_driver(driver) \
	i2c_register_driver(THIS_MODULE, driver)

#define module_i2c_driver(__i2c_driver) \
	module_driver(__i2c_driver, i2c_add_driver, \
			i2c_del_driver)

/* references on the found device / adapter */
struct i2c_client *of_find_i2c_device_by_node(struct device_node *node);
struct i2c_adapter *of_find_i2c_adapter_by_node(struct device_node *node);
struct i2c_adapter *of_get_i2c_adapter_by_node(struct device_node *node);
struct i2c_adapter *i2c_get_adapter(int nr);
void i2c_put_adapter(struct i2c_adapter *adap);
struct fwnode_handle;
struct i2c_client *i2c_find_device_by_fwnode(struct fwnode_handle *fwnode);
struct i2c_adapter *i2c_find_adapter_by_fwnode(struct fwnode_handle *fwnode);
struct i2c_adapter *i2c_get_adapter_by_fwnode(struct fwnode_handle *fwnode);

#endif /* _PCSLINT_LINUX_I2C_H */
