// Fills the check-in form's position when the phone allows it; without it the check-in still goes through
// (and is kept for the organiser's review where the activity has a geofence).
(function () {
  if (!navigator.geolocation) return;
  navigator.geolocation.getCurrentPosition(function (p) {
    document.getElementById('checkin-lat').value = p.coords.latitude;
    document.getElementById('checkin-lon').value = p.coords.longitude;
  }, function () { }, { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 });
})();
