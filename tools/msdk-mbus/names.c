/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* msdk-mbus: the names the JSON output gives to libmbus's enums (EN 13757-3 terms). */
#include "mbus_tool.h"

const char *mbus_tool_function_name(msdk_mbus_function_t fn)
{
    switch (fn) {
    case MSDK_MBUS_FN_INSTANTANEOUS: return "instantaneous";
    case MSDK_MBUS_FN_MAXIMUM: return "maximum";
    case MSDK_MBUS_FN_MINIMUM: return "minimum";
    case MSDK_MBUS_FN_ERROR: return "error_state";
    }
    return "unknown";
}

const char *mbus_tool_type_name(msdk_mbus_data_type_t t)
{
    switch (t) {
    case MSDK_MBUS_DT_NONE: return "none";
    case MSDK_MBUS_DT_INT: return "integer";
    case MSDK_MBUS_DT_REAL32: return "real32";
    case MSDK_MBUS_DT_SELECTION: return "selection";
    case MSDK_MBUS_DT_BCD: return "bcd";
    case MSDK_MBUS_DT_TEXT: return "text";
    case MSDK_MBUS_DT_LVAR_BCD: return "lvar_bcd";
    case MSDK_MBUS_DT_BINARY: return "binary";
    case MSDK_MBUS_DT_MANUFACTURER: return "manufacturer_data";
    case MSDK_MBUS_DT_GLOBAL_READOUT: return "global_readout";
    }
    return "unknown";
}

const char *mbus_tool_quantity_name(msdk_mbus_quantity_t q)
{
    switch (q) {
    case MSDK_MBUS_Q_UNKNOWN: return "unknown";
    case MSDK_MBUS_Q_ENERGY: return "energy";
    case MSDK_MBUS_Q_REACTIVE_ENERGY: return "reactive_energy";
    case MSDK_MBUS_Q_VOLUME: return "volume";
    case MSDK_MBUS_Q_MASS: return "mass";
    case MSDK_MBUS_Q_ON_TIME: return "on_time";
    case MSDK_MBUS_Q_OPERATING_TIME: return "operating_time";
    case MSDK_MBUS_Q_POWER: return "power";
    case MSDK_MBUS_Q_VOLUME_FLOW: return "volume_flow";
    case MSDK_MBUS_Q_MASS_FLOW: return "mass_flow";
    case MSDK_MBUS_Q_FLOW_TEMPERATURE: return "flow_temperature";
    case MSDK_MBUS_Q_RETURN_TEMPERATURE: return "return_temperature";
    case MSDK_MBUS_Q_TEMPERATURE_DIFFERENCE: return "temperature_difference";
    case MSDK_MBUS_Q_EXTERNAL_TEMPERATURE: return "external_temperature";
    case MSDK_MBUS_Q_PRESSURE: return "pressure";
    case MSDK_MBUS_Q_DATE: return "date";
    case MSDK_MBUS_Q_DATETIME: return "datetime";
    case MSDK_MBUS_Q_HCA_UNITS: return "hca_units";
    case MSDK_MBUS_Q_AVERAGING_DURATION: return "averaging_duration";
    case MSDK_MBUS_Q_ACTUALITY_DURATION: return "actuality_duration";
    case MSDK_MBUS_Q_FABRICATION_NUMBER: return "fabrication_number";
    case MSDK_MBUS_Q_IDENTIFICATION: return "identification";
    case MSDK_MBUS_Q_BUS_ADDRESS: return "bus_address";
    case MSDK_MBUS_Q_PLAIN_TEXT: return "plain_text_unit";
    case MSDK_MBUS_Q_ANY: return "any";
    case MSDK_MBUS_Q_MANUFACTURER: return "manufacturer_specific";
    case MSDK_MBUS_Q_RELATIVE_HUMIDITY: return "relative_humidity";
    case MSDK_MBUS_Q_TEMPERATURE_LIMIT: return "temperature_limit";
    case MSDK_MBUS_Q_CUMULATIVE_MAX_POWER: return "cumulative_max_power";
    case MSDK_MBUS_Q_CREDIT: return "credit";
    case MSDK_MBUS_Q_DEBIT: return "debit";
    case MSDK_MBUS_Q_ACCESS_NUMBER: return "access_number";
    case MSDK_MBUS_Q_MEDIUM: return "medium";
    case MSDK_MBUS_Q_MANUFACTURER_ID: return "manufacturer";
    case MSDK_MBUS_Q_PARAMETER_SET_ID: return "parameter_set_id";
    case MSDK_MBUS_Q_MODEL_VERSION: return "model_version";
    case MSDK_MBUS_Q_HARDWARE_VERSION: return "hardware_version";
    case MSDK_MBUS_Q_FIRMWARE_VERSION: return "firmware_version";
    case MSDK_MBUS_Q_SOFTWARE_VERSION: return "software_version";
    case MSDK_MBUS_Q_CUSTOMER_LOCATION: return "customer_location";
    case MSDK_MBUS_Q_CUSTOMER: return "customer";
    case MSDK_MBUS_Q_ACCESS_CODE_USER: return "access_code_user";
    case MSDK_MBUS_Q_ACCESS_CODE_OPERATOR: return "access_code_operator";
    case MSDK_MBUS_Q_ACCESS_CODE_SYSTEM: return "access_code_system_operator";
    case MSDK_MBUS_Q_ACCESS_CODE_DEVELOPER: return "access_code_developer";
    case MSDK_MBUS_Q_PASSWORD: return "password";
    case MSDK_MBUS_Q_ERROR_FLAGS: return "error_flags";
    case MSDK_MBUS_Q_ERROR_MASK: return "error_mask";
    case MSDK_MBUS_Q_DIGITAL_OUTPUT: return "digital_output";
    case MSDK_MBUS_Q_DIGITAL_INPUT: return "digital_input";
    case MSDK_MBUS_Q_BAUD_RATE: return "baud_rate";
    case MSDK_MBUS_Q_RESPONSE_DELAY: return "response_delay";
    case MSDK_MBUS_Q_RETRY: return "retry";
    case MSDK_MBUS_Q_REMOTE_CONTROL: return "remote_control";
    case MSDK_MBUS_Q_FIRST_STORAGE_NUMBER: return "first_storage_number";
    case MSDK_MBUS_Q_LAST_STORAGE_NUMBER: return "last_storage_number";
    case MSDK_MBUS_Q_STORAGE_BLOCK_SIZE: return "storage_block_size";
    case MSDK_MBUS_Q_STORAGE_INTERVAL: return "storage_interval";
    case MSDK_MBUS_Q_OPERATOR_SPECIFIC: return "operator_specific";
    case MSDK_MBUS_Q_TIME_POINT_SECOND: return "time_point_second";
    case MSDK_MBUS_Q_DURATION_SINCE_READOUT: return "duration_since_readout";
    case MSDK_MBUS_Q_TARIFF_START: return "tariff_start";
    case MSDK_MBUS_Q_TARIFF_DURATION: return "tariff_duration";
    case MSDK_MBUS_Q_TARIFF_PERIOD: return "tariff_period";
    case MSDK_MBUS_Q_DIMENSIONLESS: return "dimensionless";
    case MSDK_MBUS_Q_VOLTAGE: return "voltage";
    case MSDK_MBUS_Q_CURRENT: return "current";
    case MSDK_MBUS_Q_RESET_COUNTER: return "reset_counter";
    case MSDK_MBUS_Q_CUMULATION_COUNTER: return "cumulation_counter";
    case MSDK_MBUS_Q_CONTROL_SIGNAL: return "control_signal";
    case MSDK_MBUS_Q_DAY_OF_WEEK: return "day_of_week";
    case MSDK_MBUS_Q_WEEK_NUMBER: return "week_number";
    case MSDK_MBUS_Q_DAY_CHANGE_TIME: return "day_change_time";
    case MSDK_MBUS_Q_PARAMETER_ACTIVATION: return "parameter_activation";
    case MSDK_MBUS_Q_SUPPLIER_INFO: return "supplier_info";
    case MSDK_MBUS_Q_DURATION_SINCE_CUMULATION: return "duration_since_cumulation";
    case MSDK_MBUS_Q_BATTERY_OPERATING_TIME: return "battery_operating_time";
    case MSDK_MBUS_Q_BATTERY_CHANGE: return "battery_change";
    case MSDK_MBUS_Q_RF_LEVEL: return "rf_level";
    case MSDK_MBUS_Q_DST: return "daylight_saving";
    case MSDK_MBUS_Q_LISTENING_WINDOW: return "listening_window";
    case MSDK_MBUS_Q_REMAINING_BATTERY_LIFE: return "remaining_battery_life";
    case MSDK_MBUS_Q_METER_STOPPED_COUNT: return "meter_stopped_count";
    case MSDK_MBUS_Q_MANUFACTURER_CONTAINER: return "manufacturer_container";
    }
    return "unknown";
}

const char *mbus_tool_unit_name(msdk_mbus_unit_t u)
{
    switch (u) {
    case MSDK_MBUS_UNIT_NONE: return "";
    case MSDK_MBUS_UNIT_WH: return "Wh";
    case MSDK_MBUS_UNIT_J: return "J";
    case MSDK_MBUS_UNIT_VARH: return "varh";
    case MSDK_MBUS_UNIT_M3: return "m3";
    case MSDK_MBUS_UNIT_KG: return "kg";
    case MSDK_MBUS_UNIT_SECOND: return "s";
    case MSDK_MBUS_UNIT_MINUTE: return "min";
    case MSDK_MBUS_UNIT_HOUR: return "h";
    case MSDK_MBUS_UNIT_DAY: return "d";
    case MSDK_MBUS_UNIT_MONTH: return "month";
    case MSDK_MBUS_UNIT_YEAR: return "year";
    case MSDK_MBUS_UNIT_W: return "W";
    case MSDK_MBUS_UNIT_J_PER_H: return "J/h";
    case MSDK_MBUS_UNIT_M3_PER_H: return "m3/h";
    case MSDK_MBUS_UNIT_M3_PER_MIN: return "m3/min";
    case MSDK_MBUS_UNIT_M3_PER_S: return "m3/s";
    case MSDK_MBUS_UNIT_KG_PER_H: return "kg/h";
    case MSDK_MBUS_UNIT_CELSIUS: return "degC";
    case MSDK_MBUS_UNIT_KELVIN: return "K";
    case MSDK_MBUS_UNIT_FAHRENHEIT: return "degF";
    case MSDK_MBUS_UNIT_BAR: return "bar";
    case MSDK_MBUS_UNIT_PERCENT: return "%";
    case MSDK_MBUS_UNIT_FT3: return "ft3";
    case MSDK_MBUS_UNIT_US_GAL: return "US gal";
    case MSDK_MBUS_UNIT_US_GAL_PER_MIN: return "US gal/min";
    case MSDK_MBUS_UNIT_US_GAL_PER_H: return "US gal/h";
    case MSDK_MBUS_UNIT_V: return "V";
    case MSDK_MBUS_UNIT_A: return "A";
    case MSDK_MBUS_UNIT_DBM: return "dBm";
    case MSDK_MBUS_UNIT_CURRENCY: return "currency";
    case MSDK_MBUS_UNIT_BAUD: return "Bd";
    case MSDK_MBUS_UNIT_BIT_TIMES: return "bit times";
    case MSDK_MBUS_UNIT_TEXT: return ""; /* the caller prints the plain-text unit */
    }
    return "";
}
