/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: USB devices and interfaces (minimal) */
#ifndef _PCSLINT_LINUX_USB_H
#define _PCSLINT_LINUX_USB_H

#include <linux/device.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>

struct usb_device {
	int devnum;
	struct usb_device *parent;
	struct device dev;
};
#define to_usb_device(d) container_of(d, struct usb_device, dev)

struct usb_interface {
	int minor;
	struct device dev;
};
#define to_usb_interface(d) container_of(d, struct usb_interface, dev)

struct usb_device_id;

struct usb_driver {
	const char *name;
	int (*probe)(struct usb_interface *intf, const struct usb_device_id *id);
	void (*disconnect)(struct usb_interface *intf);
	const struct usb_device_id *id_table;
};

struct usb_device *interface_to_usbdev(struct usb_interface *intf);

static inline void *usb_get_intfdata(struct usb_interface *intf)
{
	return dev_get_drvdata(&intf->dev);
}

static inline void usb_set_intfdata(struct usb_interface *intf, void *data)
{
	dev_set_drvdata(&intf->dev, data);
}

/* a count on the device / interface passed in, returned */
struct usb_device *usb_get_dev(struct usb_device *dev);
void usb_put_dev(struct usb_device *dev);
struct usb_interface *usb_get_intf(struct usb_interface *intf);
void usb_put_intf(struct usb_interface *intf);

#endif /* _PCSLINT_LINUX_USB_H */
