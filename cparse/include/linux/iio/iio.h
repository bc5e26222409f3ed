/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: iio/iio (minimal, signatures as in 6.12) */
#ifndef _PCSLINT_LINUX_IIO_IIO_H
#define _PCSLINT_LINUX_IIO_IIO_H

#include <linux/types.h>
#include <linux/compiler.h>

struct device;
struct iio_dev;

struct iio_dev *devm_iio_device_alloc(struct device *parent, int sizeof_priv);

#endif
