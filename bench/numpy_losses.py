"""The tutorial's eight NumPy loss functions: the reference a user would otherwise write.

Copied from the tutorial (the "损失函数" notebook in ../shared/seed, the source of examples/document-table.yaml) as
written, with one change: wce_loss printed its whole loss array (`print(loss)`); that print is removed here, since
printing 10^7 values is not part of computing the loss. TUTORIAL lists each function with the tutorial's own
arguments (huber delta 2, wce weight 1, balanced beta 0.5, focal alpha 0.25 gamma 2; log base 2 and the
(1 - 1e-5) scaling are inside the functions) and the data it runs on.
"""
import numpy as np


def l1_loss(pred, label):
    loss = np.abs(pred - label)
    loss = np.mean(loss)
    return loss


def mean_bias_error(pred, label):
    loss = pred - label
    loss = np.mean(loss)
    return loss


def huber_loss(pred, true, delta=1):
    loss = np.where(np.abs(true-pred) <= delta , 0.5*((true-pred)**2), delta*np.abs(true - pred) - 0.5*(delta**2))
    loss = np.mean(loss)
    return loss


def logcosh(pred,true):
    loss = np.log(np.cosh(pred - true))
    return np.sum(loss)


def wce_loss(logits,label,weight):

    logits = logits * (1-1e-05)  # 缩放预测值，以防出现log(0)

    loss =  -1 * (np.log2(logits)*label * weight + \
           np.log2(1 - logits) * (1-label))
    # print(loss)  -- removed for the benchmark: the tutorial prints the whole loss array here
    loss = np.mean(loss)
    return loss


def balanced_ce_loss(logits,label,beta):

    logits = logits * (1-1e-05)  # 缩放预测值，以防出现log(0)

    loss =  -1 * (np.log2(logits)*label * beta + \
           np.log2(1 - logits) * (1-label)) * (1 - beta)
    loss = np.mean(loss)
    return loss


def focal_loss(logits, label, alpha, gamma):
    '''
        alpha 越大越关注y=1的情况
        gamma 越大越关注不确定的情况
    '''
    logits = logits * (1-1e-05)  # 缩放预测值，以防出现log(0)

    p_1 = - alpha*np.power(1-logits,gamma)*np.log2(logits)*label
    p_0 = - (1-alpha)*np.power(logits,gamma)*np.log2(1-logits)*(1-label)
    loss = p_0 + p_1
    loss = np.mean(loss)
    return loss


def hinge_loss(pred, label):
    zeros = np.zeros_like(pred)
    loss = np.maximum(zeros,1-(pred*label))
    loss = np.mean(loss)
    return loss


# (name, data kind, call): the tutorial's functions with the tutorial's arguments; names match
# benchmarks/.../LossSetups.TUTORIAL and the loss names in bench/tutorial-*.yaml.
TUTORIAL = [
    ("l1_loss", "regression", lambda p, y: l1_loss(p, y)),
    ("mean_bias_error", "regression", lambda p, y: mean_bias_error(p, y)),
    ("huber_loss", "regression", lambda p, y: huber_loss(p, y, 2)),
    ("logcosh", "regression", lambda p, y: logcosh(p, y)),
    ("wce_loss", "binary", lambda p, y: wce_loss(p, y, 1)),
    ("balanced_ce_loss", "binary", lambda p, y: balanced_ce_loss(p, y, 0.5)),
    ("focal_loss", "binary", lambda p, y: focal_loss(p, y, 0.25, 2)),
    ("hinge_loss", "sign", lambda p, y: hinge_loss(p, y)),
]

# Not in the tutorial: MSE, written as a user would, for the in-memory comparison of the bandwidth-bound losses.
EXTRA = [
    ("mse", "regression", lambda p, y: np.mean((p - y) ** 2)),
]

KINDS = ("regression", "binary", "sign")


def load_npy(directory):
    """{kind: (predictions, labels)} from the .npy files bench/generate.py wrote."""
    return {kind: (np.load(f"{directory}/{kind}-predictions.npy"), np.load(f"{directory}/{kind}-labels.npy"))
            for kind in KINDS}


def load_csv(directory):
    """{kind: (predictions, labels)} from the CSV files, with np.loadtxt as a user would (float32, as the tutorial)."""
    return {kind: tuple(np.loadtxt(f"{directory}/{kind}.csv", delimiter=",", skiprows=1, dtype="float32",
                                   unpack=True))
            for kind in KINDS}
