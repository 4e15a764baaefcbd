package com.example.pseudohuber

import org.losslab.testkit.LossProviderContract

/** losslab's contract for every provider this jar registers: here, `pseudo_huber`. */
class PseudoHuberContractTests : LossProviderContract()
