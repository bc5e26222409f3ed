/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: power management callbacks */
#ifndef _PCSLINT_LINUX_PM_H
#define _PCSLINT_LINUX_PM_H

#include <linux/types.h>

struct device;

typedef struct pm_message {
	int event;
} pm_message_t;

struct dev_pm_ops {
	int (*prepare)(struct device *dev);
	void (*complete)(struct device *dev);
	int (*suspend)(struct device *dev);
	int (*resume)(struct device *dev);
	int (*runtime_suspend)(struct device *dev);
	int (*runtime_resume)(struct device *dev);
	int (*runtime_idle)(struct device *dev);
};

struct dev_pm_info {
	unsigned int can_wakeup:1;
	unsigned int async_suspend:1;
	unsigned int is_prepared:1;
	unsigned int is_suspended:1;
};

#define SET_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) \
	.suspend = suspend_fn, \
	.resume = resume_fn,

#define SET_RUNTIME_PM_OPS(suspend_fn, resume_fn, idle_fn) \
	.runtime_suspend = suspend_fn, \
	.runtime_resume = resume_fn, \
	.runtime_idle = idle_fn,

#define DEFINE_SIMPLE_DEV_PM_OPS(name, suspend_fn, resume_fn) \
const struct dev_pm_ops name = { \
	SET_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) \
}

#define pm_sleep_ptr(_ptr)	(_ptr)
#define pm_ptr(_ptr)		(_ptr)

#endif /* _PCSLINT_LINUX_PM_H */
