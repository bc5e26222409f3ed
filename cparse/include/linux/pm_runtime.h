/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: runtime PM (minimal) */
#ifndef _PCSLINT_LINUX_PM_RUNTIME_H
#define _PCSLINT_LINUX_PM_RUNTIME_H

#include <linux/device.h>

void pm_runtime_enable(struct device *dev);
void pm_runtime_disable(struct device *dev);
int devm_pm_runtime_enable(struct device *dev);
int __pm_runtime_resume(struct device *dev, int rpmflags);
int __pm_runtime_idle(struct device *dev, int rpmflags);
int pm_runtime_resume_and_get(struct device *dev);
int pm_runtime_get_sync(struct device *dev);
int pm_runtime_put(struct device *dev);
int pm_runtime_put_sync(struct device *dev);
void pm_runtime_put_noidle(struct device *dev);
int pm_runtime_set_active(struct device *dev);
void pm_runtime_set_suspended(struct device *dev);

#endif /* _PCSLINT_LINUX_PM_RUNTIME_H */
