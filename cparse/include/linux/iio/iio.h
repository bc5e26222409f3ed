/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: IIO devices */
#ifndef _PCSLINT_LINUX_IIO_IIO_H
#define _PCSLINT_LINUX_IIO_IIO_H

struct device;
struct iio_dev;

struct iio_dev *devm_iio_device_alloc(struct device *parent, int sizeof_priv);

#endif /* _PCSLINT_LINUX_IIO_IIO_H */
