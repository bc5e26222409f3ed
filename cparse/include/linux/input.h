/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: input devices */
#ifndef _PCSLINT_LINUX_INPUT_H
#define _PCSLINT_LINUX_INPUT_H

#include <linux/compiler.h>

struct device;
struct input_dev;

struct input_dev __must_check *devm_input_allocate_device(struct device *);
void input_free_device(struct input_dev *dev);

#endif /* _PCSLINT_LINUX_INPUT_H */
