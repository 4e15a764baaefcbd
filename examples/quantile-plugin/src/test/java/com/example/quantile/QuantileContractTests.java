package com.example.quantile;

import org.losslab.testkit.LossProviderContract;

/** losslab's contract for every provider this jar registers: here, {@code quantile}. */
class QuantileContractTests extends LossProviderContract {}
