export default class VouchersController {}
